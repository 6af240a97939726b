package io.gridwatch.config;

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

    private GridwatchConfig load(PowerManagerImport.Result r) throws Exception {
        Path f = Files.writeString(dir.resolve("gridwatch.yaml"), r.yaml());
        return ConfigLoader.load(f);
    }

    @Test
    void sentinelsBecomeASentinelUpsThatGoesStraightToLowBattery() throws Exception {
        PowerManagerImport.Result r = PowerManagerImport.convert(SEED, "power_manager.conf", passwords());
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
        GridwatchConfig c = load(PowerManagerImport.convert(SEED, "power_manager.conf", passwords()));
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
        GridwatchConfig c = load(PowerManagerImport.convert(SEED, "power_manager.conf", passwords()));
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
        GridwatchConfig c = load(PowerManagerImport.convert(SEED, "power_manager.conf", passwords()));
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
        assertThat(PowerManagerImport.convert(implicit, "p", passwords()).yaml())
                .as("port 465 is always implicit TLS").contains("tls: ssl");
    }

    @Test
    void whatCannotBeCarriedOverIsNamedAndSecretsAreNotCopied() {
        PowerManagerImport.Result r = PowerManagerImport.convert(SEED, "power_manager.conf", passwords());
        assertThat(r.warnings()).anyMatch(w -> w.contains("section [EXTRAS]") && w.startsWith("line 57"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("[WAKE_HOST_3] MAC 'not-a-mac' is not a MAC address"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("DEBUG_MODE has no Gridwatch equivalent"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("POWER_SIMULATION_MODE was on"));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("API_TOKEN is not copied into the file"));
        assertThat(r.warnings()).noneMatch(w -> w.contains("SMTP") || w.contains("NOTIFY"));
        assertThat(r.yaml()).doesNotContain("s3cret-token");
    }

    @Test
    void generatedPasswordsAreUsedForTheNutUsers() throws Exception {
        GridwatchConfig c = load(PowerManagerImport.convert(SEED, "power_manager.conf", passwords()));
        assertThat(c.nut().users()).extracting(io.gridwatch.server.NutUser::name).containsExactlyInAnyOrder("admin", "monuser");
        assertThat(c.nut().users()).extracting(io.gridwatch.server.NutUser::password).containsExactlyInAnyOrder("pw-1", "pw-2");
    }

    @Test
    void anEmptyFileStillGivesAConfigThatLoadsAndSaysWhatIsMissing() throws Exception {
        PowerManagerImport.Result r = PowerManagerImport.convert("", "power_manager.conf", passwords());
        assertThat(r.warnings()).anyMatch(w -> w.contains("SENTINEL_HOSTS is empty"));
        GridwatchConfig c = load(r);
        assertThat(c.site().recovery().delay()).as("the seed's default WOL delay").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void quotesAndBackslashesInNamesSurviveAsYaml() throws Exception {
        String seed = "SENTINEL_HOSTS=10.0.0.1\n[WAKE_HOST_1]\nNAME=\"a \\\"b\\\" c\"\nIP=10.0.0.5\n"
                + "[WAKE_HOST_2]\nNAME=a \"b\" c\nIP=10.0.0.6\n";
        GridwatchConfig c = load(PowerManagerImport.convert(seed, "p.conf", passwords()));
        assertThat(c.site().hosts()).extracting(HostConfig::name).containsExactly("a-b-c", "a-b-c-2");
    }

    private static java.util.function.Supplier<String> passwords() {
        Iterator<String> it = IntStream.rangeClosed(1, 10).mapToObj(i -> "pw-" + i).iterator();
        return it::next;
    }
}
