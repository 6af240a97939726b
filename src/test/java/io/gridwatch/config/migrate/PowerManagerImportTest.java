package io.gridwatch.config.migrate;

import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.HostConfig;
import io.gridwatch.config.SensorSpec;
import io.gridwatch.config.UpsConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.power.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UPS_Server_Docker power_manager.conf of the kind its users run, converted and then loaded by the real config
 * loader: what carries over must mean the same, what does not must be named in a warning.
 */
class PowerManagerImportTest {
    static final String SEED = """
            # Sentinels: devices NOT on the UPS
            SENTINEL_HOSTS="192.168.1.1 192.168.1.2"
            WOL_DELAY_MINUTES=3
            CLIENT_STALE_TIMEOUT_MINUTES=5
            DEFAULT_BROADCAST_IP='192.168.1.255'
            API_TOKEN="s3cret-token"
            POWER_SIMULATION_MODE=TRUE
            DEBUG_MODE=false
            SMTP_SERVER=smtp.example.com
            SMTP_PORT=587
            SMTP_USE_TLS=auto
            SMTP_USERNAME=ups@example.com
            SMTP_PASSWORD="mail-password"
            SMTP_SENDER_NAME="UPS Monitor"
            SMTP_SENDER_EMAIL=ups@example.com
            SMTP_RECIPIENTS="admin@example.com, oncall@example.com"
            NOTIFY_POWER_FAIL=true
            NOTIFY_CLIENT_STALE=true
            NOTIFY_SIMULATION_MODE=false

            [WAKE_HOST_1]
            NAME=NAS Storage
            IP=192.168.1.10
            MAC=AA:BB:CC:DD:EE:01
            SHUTDOWN_DELAY_MINUTES=10

            [WAKE_HOST_2]
            NAME=proxmox
            IP=192.168.1.20
            MAC=aa-bb-cc-dd-ee-02
            BROADCAST_IP=10.0.0.255
            AUTO_WOL=false
            IGNORE_SIMULATION=true
            SHUTDOWN_DELAY_MINUTES=0

            [WAKE_HOST_3]
            NAME=printer
            IP=192.168.1.30
            MAC=not-a-mac

            [SCHEDULE_1]
            NAME=Monthly test
            TYPE=one-time
            DATE=2026-12-05
            TIME=10:00
            ACTION=start
            ENABLED=true

            [SCHEDULE_2]
            NAME=Weekly stop
            TYPE=recurring
            DAY_OF_WEEK=Sunday
            TIME=03:30
            ACTION=stop
            ENABLED=false

            [EXTRAS]
            FOO=bar
            """;

    @TempDir
    Path dir;

    private GridwatchConfig load(Migration r) throws Exception {
        Path f = Files.writeString(dir.resolve("gridwatch.yaml"), r.yaml());
        return ConfigLoader.load(f);
    }

    /** power_manager.conf alone, as the old single-file import took it. */
    static Migration convert(String conf) {
        return convert(Map.of(PowerManagerImport.CONF, conf));
    }

    static Migration convert(Map<String, String> files) {
        return PowerManagerImport.convert(files, "config", PowerManagerImport.Options.defaults(passwords()));
    }

    static List<String> warnings(Migration m) {
        List<String> all = new java.util.ArrayList<>(m.report().notCarried());
        all.addAll(m.report().todo());
        return all;
    }

    @Test
    void sentinelsBecomeASentinelUpsThatGoesStraightToLowBattery() throws Exception {
        Migration r = convert(SEED);
        GridwatchConfig c = load(r);
        assertThat(c.ups()).hasSize(1);
        UpsConfig u = c.ups().get(0);
        assertThat(u.name().value()).isEqualTo("ups");
        UpsConfig.Mains m = (UpsConfig.Mains) u.driver();
        assertThat(m.sensors()).extracting(s -> ((SensorSpec.Icmp) s).address())
                .containsExactly("192.168.1.1", "192.168.1.2");
        assertThat(m.battery().immediateLow()).as("the seed's OB LB at once").isTrue();
        assertThat(m.grid().quorum()).as("all sentinels, as the seed").isZero();
    }

    @Test
    void wakeHostsKeepTheirAddressesDelaysAndSwitches() throws Exception {
        GridwatchConfig c = load(convert(SEED));
        assertThat(c.site().recovery().delay()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.site().broadcast()).isEqualTo("192.168.1.255");
        List<HostConfig> hosts = c.site().hosts();
        assertThat(hosts).extracting(HostConfig::name).containsExactly("NAS-Storage", "proxmox", "printer");
        HostConfig nas = hosts.get(0);
        assertThat(nas.address()).isEqualTo("192.168.1.10");
        assertThat(nas.mac()).isEqualToIgnoringCase("AA:BB:CC:DD:EE:01");
        assertThat(nas.wake()).as("AUTO_WOL defaults to true").isTrue();
        assertThat(nas.broadcast()).as("the default broadcast").isEqualTo("192.168.1.255");
        assertThat(nas.shutdownDelay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(nas.ignoreDrills()).isFalse();
        HostConfig pve = hosts.get(1);
        assertThat(pve.wake()).isFalse();
        assertThat(pve.broadcast()).isEqualTo("10.0.0.255");
        assertThat(pve.shutdownDelay()).as("0 = at once").isEqualTo(Duration.ZERO);
        assertThat(pve.ignoreDrills()).isTrue();
        HostConfig printer = hosts.get(2);
        assertThat(printer.mac()).isNull();
        assertThat(printer.wake()).isFalse();
        assertThat(printer.shutdownDelay()).as("no SHUTDOWN_DELAY_MINUTES: not a protected client").isNull();
    }

    @Test
    void schedulesBecomeDrillSchedules() throws Exception {
        GridwatchConfig c = load(convert(SEED));
        List<Schedule> s = c.site().schedules();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).date()).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(s.get(0).time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(s.get(0).action()).isEqualTo(Schedule.Action.START);
        assertThat(s.get(0).enabled()).isTrue();
        assertThat(s.get(0).ups()).containsExactly("ups");
        assertThat(s.get(1).date()).isNull();
        assertThat(s.get(1).day()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(s.get(1).time()).isEqualTo(LocalTime.of(3, 30));
        assertThat(s.get(1).action()).isEqualTo(Schedule.Action.STOP);
        assertThat(s.get(1).enabled()).isFalse();
    }

    @Test
    void emailSettingsAndSwitchesBecomeAnEmailChannel() throws Exception {
        GridwatchConfig c = load(convert(SEED));
        io.gridwatch.notify.ChannelSpec.Email mail = (io.gridwatch.notify.ChannelSpec.Email)
                c.notifications().channels().get(0);
        assertThat(mail.host()).isEqualTo("smtp.example.com");
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.tls()).isEqualTo(io.gridwatch.notify.ChannelSpec.MailTls.AUTO);
        assertThat(mail.user()).as("SMTP_USERNAME, as its README spells it").isEqualTo("ups@example.com");
        assertThat(mail.password()).isEqualTo("mail-password");
        assertThat(mail.fromName()).isEqualTo("UPS Monitor");
        assertThat(mail.to()).containsExactly("admin@example.com", "oncall@example.com");
        assertThat(mail.subjectPrefix()).isEqualTo("[UPS]");
        assertThat(mail.events()).containsExactlyInAnyOrder(io.gridwatch.notify.NotifyType.POWER_LOST,
                io.gridwatch.notify.NotifyType.LOW_BATTERY, io.gridwatch.notify.NotifyType.CLIENT_STALE);
        assertThat(mail.drills()).isFalse();
        assertThat(c.http().staleAfter()).isEqualTo(java.time.Duration.ofMinutes(5));
        String implicit = SEED.replace("SMTP_PORT=587", "SMTP_PORT=465").replace("SMTP_USE_TLS=auto", "SMTP_USE_TLS=false");
        assertThat(convert(implicit).yaml())
                .as("port 465 is always implicit TLS").contains("tls: ssl");
    }

    @Test
    void whatCannotBeCarriedOverIsNamedWithFileAndLineAndSecretsStayOutOfTheFile() {
        Migration r = convert(SEED);
        List<String> w = warnings(r);
        assertThat(w).anyMatch(x -> x.startsWith("power_manager.conf:57: section [EXTRAS]"));
        assertThat(w).anyMatch(x -> x.startsWith("power_manager.conf:") && x.contains("[WAKE_HOST_3] MAC 'not-a-mac' is not a MAC address"));
        assertThat(w).anyMatch(x -> x.startsWith("power_manager.conf:8: DEBUG_MODE"));
        assertThat(w).anyMatch(x -> x.contains("POWER_SIMULATION_MODE was on"));
        assertThat(w).noneMatch(x -> x.contains("SMTP") || x.contains("NOTIFY"));
        assertThat(r.yaml()).as("the token is kept in the auth store, not the file").doesNotContain("s3cret-token");
        assertThat(r.tokens()).singleElement().satisfies(t -> {
            assertThat(t.secret()).isEqualTo("s3cret-token");
            assertThat(t.name()).isEqualTo(PowerManagerImport.TOKEN_NAME);
        });
        assertThat(r.report().weak()).as("12 characters: short, kept on purpose, named")
                .anyMatch(x -> x.what().startsWith("API_TOKEN (12 characters)") && x.harden().contains("revoke"));
        assertThat(r.report().text()).doesNotContain("s3cret-token");
    }

    @Test
    void withoutUpsdUsersMonuserGetsANewPasswordAndTheUserIsToldToUseIt() throws Exception {
        Migration m = convert(SEED);
        GridwatchConfig c = load(m);
        assertThat(c.nut().users()).extracting(io.gridwatch.server.NutUser::name).containsExactly("monuser");
        assertThat(c.nut().users()).extracting(io.gridwatch.server.NutUser::password).containsExactly("pw-1");
        assertThat(m.report().todo()).anyMatch(t -> t.startsWith("NUT user 'monuser' has a new password"));
    }

    @Test
    void theWholeFolderKeepsNutUsersListenerUpsNameAndTimeZoneAsTheyWere() throws Exception {
        Migration m = convert(Map.of(PowerManagerImport.CONF, SEED,
                "ups.conf", "maxretry = 3\n[ups]\n    driver = dummy-ups\n    port = /var/run/nut/virtual.device\n"
                        + "    desc = \"Virtual UPS for power monitoring\"\n    user = nut\n",
                "upsd.conf", "# comment\nLISTEN 0.0.0.0 3493\nMAXCONN 64\n",
                "upsd.users", "[monuser]\n    password = secret\n    upsmon slave\n"
                        + "[admin]\n  password = \"a long admin password\"\n  actions = SET\n  actions = FSD\n  instcmds = ALL\n",
                ".env", "TZ=Europe/Warsaw\nUPS_SERVER_HOST_IP=192.168.1.118\nCOMPOSE_PROJECT_NAME=ups\n",
                "upsmon.conf", "MONITOR ups@localhost 1 monuser secret slave\n"));
        GridwatchConfig c = load(m);
        assertThat(c.ups()).extracting(u -> u.name().value()).containsExactly("ups");
        assertThat(c.ups().get(0).description()).isEqualTo("Virtual UPS for power monitoring");
        assertThat(c.nut().listen()).extracting(io.gridwatch.config.Addressing::format).containsExactly("0.0.0.0:3493");
        assertThat(c.nut().maxConnections()).isEqualTo(64);
        var users = c.nut().users();
        assertThat(users).extracting(io.gridwatch.server.NutUser::name).containsExactly("monuser", "admin");
        assertThat(users.get(0).password()).isEqualTo("secret");
        assertThat(users.get(0).role()).isEqualTo(io.gridwatch.server.NutUser.Role.SECONDARY);
        assertThat(users.get(1).password()).isEqualTo("a long admin password");
        assertThat(users.get(1).actions()).containsExactlyInAnyOrder(io.gridwatch.server.NutUser.Action.SET,
                io.gridwatch.server.NutUser.Action.FSD);
        assertThat(c.site().zone()).isEqualTo(java.time.ZoneId.of("Europe/Warsaw"));
        assertThat(c.http().seed().listen()).extracting(io.gridwatch.config.Addressing::format)
                .containsExactly("0.0.0.0:5000");
        assertThat(c.http().seed().upsHost()).isEqualTo("192.168.1.118");
        assertThat(c.site().hosts().get(0).displayName()).as("NAME keeps its space").isEqualTo("NAS Storage");
        List<String> w = warnings(m);
        assertThat(w).contains("ups.conf:1: 'maxretry': a upsdrvctl setting; Gridwatch's drivers run inside the server");
        assertThat(w).anyMatch(x -> x.startsWith("ups.conf:6: 'user' is a dummy-ups setting"));
        assertThat(w).anyMatch(x -> x.startsWith(".env:3: COMPOSE_PROJECT_NAME"));
        assertThat(w).anyMatch(x -> x.startsWith("upsmon.conf:1: MONITOR") && x.contains("gridwatch import upsmon"));
        assertThat(m.report().weak()).extracting(Report.Weak::what).satisfiesExactlyInAnyOrder(
                x -> assertThat(x).startsWith("NUT user 'monuser' keeps its password"),
                x -> assertThat(x).startsWith("NUT is served on every address without TLS"),
                x -> assertThat(x).startsWith("UPS_Server_Docker's client endpoints are served on plain HTTP on every address"),
                x -> assertThat(x).startsWith("API_TOKEN (12 characters)"));
        assertThat(m.report().weak()).allMatch(x -> !x.harden().isBlank());
        assertThat(m.report().text()).as("passwords are not printed").doesNotContain("secret", "a long admin password");
    }

    @Test
    void anEmptyFileStillGivesAConfigThatLoadsAndSaysWhatIsMissing() throws Exception {
        Migration r = convert("");
        assertThat(warnings(r)).anyMatch(w -> w.contains("SENTINEL_HOSTS is empty"));
        GridwatchConfig c = load(r);
        assertThat(c.site().recovery().delay()).as("the seed's default WOL delay").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void quotesAndBackslashesInNamesSurviveAsYaml() throws Exception {
        String seed = "SENTINEL_HOSTS=10.0.0.1\n[WAKE_HOST_1]\nNAME=\"a \\\"b\\\" c\"\nIP=10.0.0.5\n"
                + "[WAKE_HOST_2]\nNAME=a \"b\" c\nIP=10.0.0.6\n";
        GridwatchConfig c = load(convert(seed));
        assertThat(c.site().hosts()).extracting(HostConfig::name).containsExactly("a-b-c", "a-b-c-2");
    }

    private static java.util.function.Supplier<String> passwords() {
        Iterator<String> it = IntStream.rangeClosed(1, 10).mapToObj(i -> "pw-" + i).iterator();
        return it::next;
    }
}
