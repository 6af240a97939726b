package io.gridwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.testing.Programs;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NUT's own client programs (upsc, upscmd, upsrw) and PyNUT, pointed at Gridwatch and at the real upsd 2.8.0
 * serving the same dummy-ups file with the same users: their output must be the same. The only lines allowed
 * to differ are the {@code driver.*} variables, which name the driver (dummy-ups 2.8.0 vs Gridwatch's).
 */
class RealClientsTest {
    static final String USERS = """
            [admin]
              password = adminpass
              actions = SET FSD
              instcmds = ALL
            [monprimary]
              password = primarypass
              upsmon primary
            """;
    static final String YAML = """
            nut:
              listen: ["127.0.0.1:0"]
              users:
                admin:      { password: adminpass, actions: [SET, FSD], instcmds: [all] }
                monprimary: { password: primarypass, upsmon: primary }
            ups:
              ups:
                description: "NUT dummy UPS for conformance tests"
                driver: dummy
                file: ups.dev
                pollinterval: 500ms
              second:
                driver: dummy
                file: second.dev
            """;
    static final String SECOND = "ups.status: OB DISCHRG\nbattery.charge: 55\nups.id: \"a\\#b \\\"q\\\" c\\\\d\"\n";

    static Path dir;
    static RealNut real;
    static TestServer ours;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("gw-realclients");
        String dev = TranscriptReplayTest.resource("ups.dev");
        real = RealNut.start(dir.resolve("real"), List.of(
                new RealNut.Device("ups", "NUT dummy UPS for conformance tests", dev),
                new RealNut.Device("second", null, SECOND)), USERS);
        Path oursDir = Files.createDirectories(dir.resolve("ours"));
        ours = TestServer.start(oursDir, YAML, Map.of("ups.dev", dev, "second.dev", SECOND));
    }

    @AfterAll
    static void stop() {
        if (ours != null) {
            ours.close();
        }
        if (real != null) {
            real.close();
        }
    }

    /** Runs the same command against both servers; {@code cmd} gets the port. */
    static Programs.Result[] both(IntFunction<List<String>> cmd) throws Exception {
        return new Programs.Result[] {Programs.run(cmd.apply(real.port())), Programs.run(cmd.apply(ours.port()))};
    }

    static String withoutDriverLines(String s) {
        return s.replaceAll("(?m)^driver\\.[^\\n]*\\n", "");
    }

    static void assertSame(Programs.Result[] r) {
        assertThat(withoutDriverLines(r[1].stdout())).isEqualTo(withoutDriverLines(r[0].stdout()));
        assertThat(r[1].stderrClean()).isEqualTo(r[0].stderrClean());
        assertThat(r[1].exitCode()).isEqualTo(r[0].exitCode());
    }

    static List<String> cmd(String... words) {
        return new ArrayList<>(List.of(words));
    }

    @Test
    void upscListsAllVariablesAlike() throws Exception {
        Programs.Result[] r = both(p -> cmd("upsc", "ups@127.0.0.1:" + p));
        assertSame(r);
        assertThat(r[1].stdout()).contains("ups.status: OL\n", "battery.charge: 100\n");
    }

    @Test
    void upscQuotedValuesAndSecondUpsAlike() throws Exception {
        Programs.Result[] r = both(p -> cmd("upsc", "second@127.0.0.1:" + p));
        assertSame(r);
        assertThat(r[1].stdout()).contains("ups.id: a#b \"q\" c\\d\n", "ups.status: OB DISCHRG\n");
    }

    @Test
    void upscSingleVariableAlike() throws Exception {
        Programs.Result[] r = both(p -> cmd("upsc", "ups@127.0.0.1:" + p, "battery.runtime"));
        assertSame(r);
        assertThat(r[1].stdout()).isEqualTo("1800\n");
    }

    @Test
    void upscListsUpsNamesAndDescriptionsAlike() throws Exception {
        Programs.Result[] l = both(p -> cmd("upsc", "-l", "127.0.0.1:" + p));
        assertSame(l);
        assertThat(l[1].stdout()).isEqualTo("ups\nsecond\n");
        Programs.Result[] big = both(p -> cmd("upsc", "-L", "127.0.0.1:" + p));
        assertSame(big);
        assertThat(big[1].stdout()).isEqualTo("ups: NUT dummy UPS for conformance tests\nsecond: Description unavailable\n");
    }

    @Test
    void upscErrorsAlike() throws Exception {
        Programs.Result[] unknownUps = both(p -> cmd("upsc", "nosuch@127.0.0.1:" + p));
        assertSame(unknownUps);
        assertThat(unknownUps[1].stderrClean()).isEqualTo("Error: Unknown UPS\n");
        assertThat(unknownUps[1].exitCode()).isEqualTo(1);
        Programs.Result[] unknownVar = both(p -> cmd("upsc", "ups@127.0.0.1:" + p, "no.such.var"));
        assertSame(unknownVar);
        assertThat(unknownVar[1].stderrClean()).isEqualTo("Error: Variable not supported by UPS\n");
    }

    @Test
    void upscmdListsCommandsAlike() throws Exception {
        Programs.Result[] r = both(p -> cmd("upscmd", "-l", "ups@127.0.0.1:" + p));
        assertSame(r);
        assertThat(r[1].stdout()).contains("load.off - Turn off the load immediately");
    }

    @Test
    void upscmdRunsAndReportsAlike() throws Exception {
        Programs.Result[] ok = both(p -> cmd("upscmd", "-u", "admin", "-p", "adminpass", "ups@127.0.0.1:" + p, "load.off"));
        assertSame(ok);
        assertThat(ok[1].stderrClean()).isEqualTo("OK\n");
        Programs.Result[] tracked = both(p -> cmd("upscmd", "-w", "-u", "admin", "-p", "adminpass",
                "ups@127.0.0.1:" + p, "load.off"));
        assertSame(tracked);
        assertThat(tracked[1].stderrClean()).isEqualTo("ERR UNKNOWN\n");
        Programs.Result[] denied = both(p -> cmd("upscmd", "-u", "admin", "-p", "wrong", "ups@127.0.0.1:" + p, "load.off"));
        assertSame(denied);
        assertThat(denied[1].stderrClean()).isEqualTo("Unexpected response from upsd: ERR ACCESS-DENIED\n");
        Programs.Result[] unsupported = both(p -> cmd("upscmd", "-u", "admin", "-p", "adminpass",
                "ups@127.0.0.1:" + p, "no.such.cmd"));
        assertSame(unsupported);
        assertThat(unsupported[1].exitCode()).isEqualTo(1);
    }

    @Test
    void upsrwListsWritableVariablesAlike() throws Exception {
        Programs.Result[] r = both(p -> cmd("upsrw", "ups@127.0.0.1:" + p));
        assertSame(r);
        assertThat(r[1].stdout()).contains("[ups.firmware]\nUPS firmware\nType: STRING\nMaximum length: 16\nValue: 1.0\n");
    }

    @Test
    void upsrwSetsAlike() throws Exception {
        Programs.Result[] set = both(p -> cmd("upsrw", "-w", "-s", "ups.delay.start=45", "-u", "admin", "-p", "adminpass",
                "ups@127.0.0.1:" + p));
        assertSame(set);
        assertThat(set[1].stderrClean()).isEqualTo("SUCCESS\n");
        Programs.Result[] value = both(p -> cmd("upsc", "ups@127.0.0.1:" + p, "ups.delay.start"));
        assertSame(value);
        assertThat(value[1].stdout()).isEqualTo("45\n");
        Programs.Result[] readOnly = both(p -> cmd("upsrw", "-s", "driver.name=x", "-u", "admin", "-p", "adminpass",
                "ups@127.0.0.1:" + p));
        assertSame(readOnly);
        assertThat(readOnly[1].stderrClean()).isEqualTo("Unexpected response from upsd: ERR READONLY\n");
        Programs.Result[] tooLong = both(p -> cmd("upsrw", "-s", "ups.firmware=12345678901234567", "-u", "admin", "-p",
                "adminpass", "ups@127.0.0.1:" + p));
        assertSame(tooLong);
        assertThat(tooLong[1].stderrClean()).isEqualTo("Unexpected response from upsd: ERR TOO-LONG\n");
    }

    @Test
    void pynutSeesTheSame() throws Exception {
        String script = """
                import PyNUT, sys, json
                c = PyNUT.PyNUTClient(host='127.0.0.1', port=int(sys.argv[1]), login='admin', password='adminpass')
                d = lambda m: {k.decode(): v.decode() for k, v in m.items()}
                out = {'list': d(c.GetUPSList()),
                       'vars': {k: v for k, v in d(c.GetUPSVars('ups')).items() if not k.startswith('driver.')},
                       'rw': d(c.GetRWVars('ups')),
                       'cmds': d(c.GetUPSCommands('ups')),
                       'second': {k: v for k, v in d(c.GetUPSVars('second')).items() if not k.startswith('driver.')}}
                print(json.dumps(out, sort_keys=True))
                """;
        Path py = Files.writeString(dir.resolve("pynut.py"), script);
        Programs.Result[] r = both(p -> cmd("/usr/bin/python3", py.toString(), Integer.toString(p)));
        assertThat(r[1].stderr()).isEmpty();
        assertThat(r[1].stdout()).isEqualTo(r[0].stdout());
        assertThat(r[1].stdout()).contains("\"ups.status\": \"OL\"", "\"load.off\"");
    }
}
