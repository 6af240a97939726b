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
            SMTP_PASSWORD="mail-password"
            NOTIFY_POWER_FAIL=true

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
    void whatCannotBeCarriedOverIsNamedAndSecretsAreNotCopied() {
        PowerManagerImport.Result r = PowerManagerImport.convert(SEED, "power_manager.conf", passwords());
        assertThat(r.warnings()).anyMatch(w -> w.contains("section [EXTRAS]") && w.startsWith("line 49"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("[WAKE_HOST_3] MAC 'not-a-mac' is not a MAC address"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("DEBUG_MODE has no Gridwatch equivalent"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("POWER_SIMULATION_MODE was on"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("not carried over yet") && w.contains("SMTP_SERVER")
                && w.contains("API_TOKEN") && w.contains("NOTIFY_POWER_FAIL"));
        assertThat(r.yaml()).contains("# SMTP_SERVER=smtp.example.com", "# NOTIFY_POWER_FAIL=true")
                .doesNotContain("s3cret-token").doesNotContain("mail-password");
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
