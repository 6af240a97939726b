package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.agent.AgentConfig;
import io.gridwatch.agent.AgentConfigLoader;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.server.NutUser;
import io.gridwatch.testing.Programs;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving from NUT itself: the folder the tests build for the real upsd 2.8.0 imported with {@code gridwatch import
 * nut}, started, and read with the real upsc: the same output as from that upsd, for dummy-ups entries (played by
 * Gridwatch's dummy driver) and for a hardware driver's entry (mirrored from the upsd that runs it). upsmon.conf
 * and upssched.conf imported into the agent's configuration, checked key by key and by {@code agent --check}.
 */
class NutImportTest {
    static RealNut real;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        real = RealNut.start(Files.createDirectories(dir.resolve("etc-nut")), List.of(
                new RealNut.Device("ups", "Rack UPS", """
                        ups.mfr: Eaton
                        ups.model: 5P 1550
                        ups.serial: G123
                        ups.status: OL
                        battery.charge: 97
                        battery.runtime: 2400
                        input.voltage: 231.0
                        ups.load: 23
                        """),
                new RealNut.Device("office", null, "ups.status: OB DISCHRG\nbattery.charge: 41\n")), """
                [admin]
                  password = "a long admin password"
                  actions = SET
                  actions = FSD
                  instcmds = ALL
                [monuser]
                  password = secret
                  upsmon slave
                """);
    }

    @AfterAll
    static void stop() {
        real.close();
    }

    static String upsc(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/upsc"));
        cmd.addAll(List.of(args));
        Programs.Result r = Programs.run(cmd);
        return r.exitCode() + "\n" + r.stdout() + r.stderrClean();
    }

    /**
     * Everything but the lines that name the program serving the data: Gridwatch's dummy driver plays dummy-ups's
     * file the same way but does not claim to be NUT's dummy-ups 2.8.0 (driver.name, driver.version,
     * driver.version.internal, and the driver socket's driver.parameter.synchronous).
     */
    static String withoutDriverIdentity(String upsc) {
        return upsc.lines().filter(l -> !l.matches("driver\\.(name|version|version\\.internal|parameter\\.synchronous): .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void dummyUpsEntriesServedByGridwatchReadTheSameWithTheRealUpsc() throws Exception {
        Path out = Files.createDirectories(dir.resolve("dummy")).resolve("gridwatch.yaml");
        CliRunner.Run r = CliRunner.run("import", "nut", real.dir().toString(), "--output", out.toString(),
                "--nut-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CliRunner.run("check-config", out.toString()).code()).isZero();
        GridwatchConfig c = ConfigLoader.load(out);
        assertThat(c.nut().users()).extracting(NutUser::name).containsExactly("admin", "monuser");
        assertThat(c.nut().users().get(1).password()).isEqualTo("secret");
        assertThat(c.nut().maxAge()).as("upsd.conf MAXAGE 15").isEqualTo(Duration.ofSeconds(15));
        assertThat(r.out()).contains("nut.conf:1: MODE", "NUT user 'monuser' keeps its password");
        try (TestServer s = TestServer.load(out)) {
            for (String ups : List.of("ups", "office")) {
                String theirs = upsc(ups + "@127.0.0.1:" + real.port());
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(withoutDriverIdentity(upsc(ups + "@127.0.0.1:" + s.port()))).as(ups)
                                .isEqualTo(withoutDriverIdentity(theirs)));
                assertThat(upsc(ups + "@127.0.0.1:" + s.port(), "driver.name")).as("who plays the file, honestly")
                        .isEqualTo("0\ngridwatch-dummy\n");
            }
            assertThat(upsc("-L", "127.0.0.1:" + s.port())).isEqualTo(upsc("-L", "127.0.0.1:" + real.port()));
        }
    }

    @Test
    void aHardwareDriversEntryIsMirroredFromTheUpsdThatRunsIt() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("hardware-etc"));
        Files.writeString(etc.resolve("ups.conf"), """
                maxretry = 3
                [ups]
                    driver = usbhid-ups
                    port = auto
                    vendorid = 0463
                    desc = "Rack UPS"
                """);
        Files.writeString(etc.resolve("upsd.conf"), "LISTEN 127.0.0.1 " + real.port() + "\nMAXCONN 256\n");
        Files.writeString(etc.resolve("upsd.users"), Files.readString(real.dir().resolve("upsd.users")));
        Path out = Files.createDirectories(dir.resolve("proxy")).resolve("gridwatch.yaml");
        CliRunner.Run r = CliRunner.run("import", "nut", etc.toString(), "--output", out.toString(),
                "--nut-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        assertThat(r.code()).as(r.err()).isZero();
        String yaml = Files.readString(out);
        assertThat(yaml).contains("driver: nut", "upstream: \"ups@127.0.0.1:" + real.port() + "\"",
                "user: \"admin\"", "maxconn: 256");
        assertThat(r.out()).contains("ups.conf:1: 'maxretry'", "usbhid-ups's own settings in ups.conf stay in effect");
        try (TestServer s = TestServer.load(out)) {
            String theirs = upsc("ups@127.0.0.1:" + real.port(), "ups.status");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(upsc("ups@127.0.0.1:" + s.port(), "ups.status")).isEqualTo(theirs));
            assertThat(upsc("ups@127.0.0.1:" + s.port(), "battery.charge")).isEqualTo("0\n97\n");
        }
    }

    @Test
    void withoutNutListenAnImportBesideItsUpsdSaysTheyWouldShareAPort(@TempDir Path tmp) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("ups.conf"), "[ups]\n  driver = usbhid-ups\n  port = auto\n");
        Path out = tmp.resolve("gridwatch.yaml");
        CliRunner.Run r = CliRunner.run("import", "nut", etc.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("upstream: \"ups@localhost:3493\"",
                "listen: [\"127.0.0.1:3493\", \"[::1]:3493\"]   # upsd's default");
        assertThat(r.out()).contains("Gridwatch and upsd would both listen on port 3493",
                "upsd.users: missing", "no upsd.users user has actions = SET and instcmds = ALL");
    }

    @Test
    void upsmonAndUpsschedBecomeTheAgentsConfiguration(@TempDir Path tmp) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path conf = Files.writeString(etc.resolve("upsmon.conf"), """
                RUN_AS_USER root
                MONITOR rack@nut.lan 1 upsmon "pass word" primary
                MONITOR office@10.0.0.5:3494 2 monuser secret slave
                MINSUPPLIES 2
                SHUTDOWNCMD "/sbin/shutdown -h +0"
                NOTIFYCMD /usr/sbin/upssched
                POLLFREQ 5
                POLLFREQALERT 5
                HOSTSYNC 20
                DEADTIME 25
                FINALDELAY 3
                NOCOMMWARNTIME 300
                RBWARNTIME 43200
                OBLBDURATION 4
                POWERDOWNFLAG /etc/killpower
                NOTIFYFLAG ONBATT SYSLOG+WALL+EXEC
                NOTIFYFLAG ONLINE SYSLOG+EXEC
                NOTIFYFLAG LOWBATT SYSLOG+WALL
                """);
        Files.writeString(etc.resolve("upssched.conf"), """
                CMDSCRIPT /usr/local/bin/upssched-cmd
                PIPEFN /run/nut/upssched.pipe
                LOCKFN /run/nut/upssched.lock
                AT ONBATT * START-TIMER onbatt 30
                AT ONLINE * CANCEL-TIMER onbatt online
                AT ONBATT office@10.0.0.5:3494 EXECUTE office-on-battery
                """);
        Path out = tmp.resolve("agent.yaml");
        CliRunner.Run r = CliRunner.run("import", "upsmon", conf.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        AgentConfig a = AgentConfigLoader.load(out);
        assertThat(a.monitors()).extracting(AgentConfig.Monitor::id).containsExactly("rack@nut.lan", "office@10.0.0.5:3494");
        AgentConfig.Monitor rack = a.monitors().get(0);
        assertThat(rack.primary()).isTrue();
        assertThat(rack.user()).isEqualTo("upsmon");
        assertThat(rack.password()).isEqualTo("pass word");
        assertThat(a.monitors().get(1).primary()).isFalse();
        assertThat(a.monitors().get(1).powerValue()).isEqualTo(2);
        assertThat(a.minSupplies()).isEqualTo(2);
        assertThat(a.shutdownCommand()).containsExactly("/sbin/shutdown", "-h", "+0");
        assertThat(a.timing().hostsync()).isEqualTo(Duration.ofSeconds(20));
        assertThat(a.timing().deadtime()).isEqualTo(Duration.ofSeconds(25));
        assertThat(a.timing().finalDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(a.timing().nocommWarn()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.timing().replbattWarn()).isEqualTo(Duration.ofHours(12));
        assertThat(a.timing().obLbDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(a.notifyCommand().command()).as("upssched's timers replace the NOTIFYCMD").isNull();
        assertThat(a.timers()).hasSize(2);
        AgentConfig.Timer onbatt = a.timers().get(0);
        assertThat(onbatt.name()).isEqualTo("onbatt");
        assertThat(onbatt.startOn()).containsExactly("ONBATT");
        assertThat(onbatt.cancelOn()).containsExactly("ONLINE");
        assertThat(onbatt.after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(onbatt.command()).containsExactly("/usr/local/bin/upssched-cmd", "onbatt");
        AgentConfig.Timer exec = a.timers().get(1);
        assertThat(exec.after()).isZero();
        assertThat(exec.command()).containsExactly("/usr/local/bin/upssched-cmd", "office-on-battery");
        assertThat(exec.ups()).isEqualTo("office@10.0.0.5:3494");
        assertThat(r.out()).contains("upsmon.conf:1: RUN_AS_USER", "upsmon.conf:7: POLLFREQ", "upsmon.conf:15: POWERDOWNFLAG",
                "upsmon.conf:16: NOTIFYFLAG ONBATT WALL", "upssched.conf:2: PIPEFN",
                "upssched.conf:5: CANCEL-TIMER's command 'online'");
        CliRunner.Run check = CliRunner.run("agent", "--config", out.toString(), "--check");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
    }

    @Test
    void aPlainNotifyCmdGetsTheMessageAsUpsmonGivesIt(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsmon.conf"), """
                MONITOR ups@localhost 1 monuser secret secondary
                NOTIFYCMD "/usr/local/bin/notify --to 'ops team'"
                NOTIFYFLAG ONBATT EXEC
                NOTIFYFLAG FSD SYSLOG+EXEC
                """);
        Path out = tmp.resolve("agent.yaml");
        assertThat(CliRunner.run("import", "upsmon", conf.toString(), "--output", out.toString()).code()).isZero();
        AgentConfig a = AgentConfigLoader.load(out);
        assertThat(a.notifyCommand().types()).containsExactly("ONBATT", "FSD");
        List<String> cmd = new java.util.ArrayList<>(a.notifyCommand().command());
        cmd.add("UPS ups@localhost on battery"); // the agent adds the message last, as upsmon does
        Path echo = tmp.resolve("notify-args");
        cmd.set(2, cmd.get(2).replace("/usr/local/bin/notify", "printf '%s|' > '" + echo + "'"));
        assertThat(Programs.run(cmd).exitCode()).isZero();
        assertThat(Files.readString(echo)).isEqualTo("--to|ops team|UPS ups@localhost on battery|");
    }
}
