package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.driver.dummy.DummySettings;
import io.gridwatch.hub.Range;
import io.gridwatch.hub.VarType;
import io.gridwatch.server.NutUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("myups.dev"), "ups.status: OL\n");
        Files.writeString(dir.resolve("server.pem"), "certificate");
        Files.writeString(dir.resolve("server.key"), "key");
    }

    GridwatchConfig load(String yaml) throws Exception {
        Path f = dir.resolve("gridwatch.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    List<String> problems(String yaml) {
        Path f = dir.resolve("gridwatch.yaml");
        try {
            Files.writeString(f, yaml);
            ConfigLoader.load(f);
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.toString().replace(f.toString(), "gridwatch.yaml")).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void theDocumentedShapeLoads() throws Exception {
        GridwatchConfig c = load("""
                nut:
                  listen: ["127.0.0.1:3493", "[::1]:3493"]
                  maxconn: 1024
                  tls: { certificate: server.pem, key: server.key }      # optional; enables STARTTLS
                  users:
                    admin:   { password: "s3cret", actions: [SET, FSD], instcmds: [all] }
                    monuser: { password: "m0n", upsmon: secondary }
                http:
                  listen: "127.0.0.1:8080"
                ups:
                  myups:
                    description: "Rack UPS"
                    driver: dummy
                    file: myups.dev
                """);
        assertThat(c.nut().listen()).extracting(a -> a.getAddress().getHostAddress() + " " + a.getPort())
                .containsExactly("127.0.0.1 3493", "0:0:0:0:0:0:0:1 3493");
        assertThat(c.nut().maxConnections()).isEqualTo(1024);
        assertThat(c.nut().tls().certificate()).isEqualTo(dir.resolve("server.pem"));
        assertThat(c.nut().users()).containsExactlyInAnyOrder(
                new NutUser("admin", "s3cret", java.util.Set.of(NutUser.Action.SET, NutUser.Action.FSD),
                        java.util.Set.of("all"), NutUser.Role.NONE),
                new NutUser("monuser", "m0n", java.util.Set.of(), java.util.Set.of(), NutUser.Role.SECONDARY));
        assertThat(c.http().listen().getPort()).isEqualTo(8080);
        assertThat(c.ups()).singleElement().satisfies(u -> {
            assertThat(u.name().value()).isEqualTo("myups");
            assertThat(u.description()).isEqualTo("Rack UPS");
            DummySettings d = ((io.gridwatch.config.UpsConfig.Dummy) u.driver()).settings();
            assertThat(d.file()).isEqualTo(dir.resolve("myups.dev"));
            assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(c.nut().maxAge()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void everyProblemIsReportedAtOnceWithLineAndPath() {
        List<String> p = problems("""
                nut:
                  listn: ["127.0.0.1:3493"]
                  maxconn: lots
                  users:
                    admin: { password: "", actions: [SET, REBOOT] }
                    mon:   { password: x, upsmon: boss }
                http:
                  listen: "127.0.0.1"
                ups:
                  a:
                    driver: dummy
                    file: missing.dev
                  b:
                    driver: apcsmart
                  "bad name!":
                    driver: dummy
                    file: myups.dev
                """);
        assertThat(p).containsExactly(
                "gridwatch.yaml:2: nut.listn: unknown key (did you mean 'listen'?)",
                "gridwatch.yaml:3: nut.maxconn: must be a whole number from 1 to 1000000 (got 'lots')",
                "gridwatch.yaml:5: nut.users.admin.password: must not be empty",
                "gridwatch.yaml:5: nut.users.admin.actions: unknown action 'REBOOT': use SET or FSD",
                "gridwatch.yaml:6: nut.users.mon.upsmon: must be primary or secondary (got 'boss')",
                "gridwatch.yaml:8: http.listen: must be host:port, e.g. 127.0.0.1:3493 or [::1]:3493 (got '127.0.0.1')",
                "gridwatch.yaml:12: ups.a.file: file " + dir.resolve("missing.dev")
                        + " does not exist or cannot be read (got 'missing.dev')",
                "gridwatch.yaml:14: ups.b.driver: unknown driver 'apcsmart': use one of nut, dummy, sentinel, gpio, command",
                "gridwatch.yaml:15: ups.bad name!: UPS name 'bad name!': use 1-64 letters, digits, '.', '_', '+' or '-'");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        assertThat(problems("nut:\n  listen: [\"a\"\n  maxconn: 3\n")).singleElement().asString()
                .startsWith("gridwatch.yaml:").contains("not valid YAML");
    }

    @Test
    void duplicateKeys() {
        assertThat(problems("""
                ups:
                  x: { driver: dummy, file: myups.dev }
                  x: { driver: dummy, file: myups.dev }
                """)).containsExactly("gridwatch.yaml:3: ups.x: duplicate key (first given on line 2)");
    }

    @Test
    void aServerWithoutUpsIsRefused() {
        assertThat(problems("nut:\n  maxconn: 10\n")).containsExactly(
                "gridwatch.yaml:1: ups: no UPS configured: add an entry under 'ups:' (see docs/configuration.md)");
    }

    @Test
    void anEmptyUpsSectionIsRefusedToo() {
        assertThat(problems("ups:\n")).containsExactly(
                "gridwatch.yaml:1: ups: no UPS configured: add an entry under 'ups:' (see docs/configuration.md)");
    }

    @Test
    void aUpsWithAnUnknownDriverIsOneProblemNotTwo() {
        assertThat(problems("ups:\n  b: { driver: apcsmart }\n")).containsExactly(
                "gridwatch.yaml:2: ups.b.driver: unknown driver 'apcsmart': use one of nut, dummy, sentinel, gpio, command");
    }

    @Test
    void missingRequiredKeys() {
        assertThat(problems("""
                nut:
                  users:
                    u: { actions: [SET] }
                ups:
                  a: { driver: dummy }
                  b: { description: x }
                """)).containsExactly(
                "gridwatch.yaml:3: nut.users.u.password: missing: give password or password_file",
                "gridwatch.yaml:5: ups.a.file: missing: this key is required",
                "gridwatch.yaml:6: ups.b.driver: missing: say which driver feeds this UPS (nut, dummy, sentinel, gpio, command)");
    }

    @Test
    void dummyVariablesWithEnumAndRange() throws Exception {
        GridwatchConfig c = load("""
                ups:
                  u:
                    driver: dummy
                    file: myups.dev
                    pollinterval: 250ms
                    commands: [beeper.toggle]
                    variables:
                      input.sensitivity: { type: string, length: 8, enum: [low, normal, high], value: normal }
                      input.transfer.high: { range: ["250-270", [280, 290]] }
                      battery.charge: { writable: false }
                """);
        DummySettings d = ((io.gridwatch.config.UpsConfig.Dummy) c.ups().get(0).driver()).settings();
        assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(d.commands()).containsExactly("beeper.toggle");
        assertThat(d.variables().get("input.sensitivity")).isEqualTo(new DummySettings.VarSpec(new VarType.Text(8), true,
                List.of("low", "normal", "high"), List.of(), "normal"));
        assertThat(d.variables().get("input.transfer.high").ranges()).containsExactly(new Range(250, 270), new Range(280, 290));
        assertThat(d.variables().get("battery.charge").writable()).isFalse();
    }

    @Test
    void badVariableDeclarations() {
        assertThat(problems("""
                ups:
                  u:
                    driver: dummy
                    file: myups.dev
                    variables:
                      a.b: { type: text, enum: [x], value: y }
                      c.d: { range: ["300-200"] }
                """)).containsExactly(
                "gridwatch.yaml:6: ups.u.variables.a.b.type: must be number or string (got 'text')",
                "gridwatch.yaml:6: ups.u.variables.a.b.value: 'y' is not one of the enum values [x]",
                "gridwatch.yaml:7: ups.u.variables.c.d.range: must be ranges like \"250-270\" or [250, 270], "
                        + "minimum first (got a list)");
    }

    @Test
    void durationsAndFsdRelease() throws Exception {
        GridwatchConfig c = load("""
                nut:
                  idle_timeout: 2m
                  maxage: 30
                  fsd_release: never
                ups:
                  u: { driver: dummy, file: myups.dev }
                """);
        assertThat(c.nut().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.nut().maxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.nut().fsdRelease()).isNull();
        assertThat(problems("nut:\n  idle_timeout: soon\nups:\n  u: { driver: dummy, file: myups.dev }\n"))
                .containsExactly("gridwatch.yaml:2: nut.idle_timeout: must be a duration like 500ms, 30s, 5m or 2h, "
                        + "at least 1s, at most 3650d (got 'soon')");
        assertThat(problems("nut:\n  idle_timeout: 99999999999999d\nups:\n  u: { driver: dummy, file: myups.dev }\n"))
                .as("a duration that would overflow the clock").containsExactly("gridwatch.yaml:2: nut.idle_timeout: "
                        + "must be a duration like 500ms, 30s, 5m or 2h, at least 1s, at most 3650d (got '99999999999999d')");
    }

    @Test
    void emojiAnywhereInTheFileIsRead() throws Exception {
        for (int pad = 990; pad < 1060; pad++) {
            GridwatchConfig c = load("# " + "x".repeat(pad) + "\nups:\n  u: { driver: dummy, file: myups.dev, "
                    + "description: \"\uD83D\uDE00 rack\" }\n");
            assertThat(c.ups().get(0).description()).isEqualTo("\uD83D\uDE00 rack");
        }
    }

    @Test
    void theFileMustBeAMap() {
        assertThat(problems("- a\n- b\n")).contains("gridwatch.yaml:1: the file must be a map of sections (nut:, http:, ups:)");
    }

    @Test
    void unreadableFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml: cannot read the file");
    }

    @Test
    void everyKeyIsDocumented() {
        List<KeyDocs.Key> keys = ConfigLoader.document().keys();
        assertThat(keys).extracting(KeyDocs.Key::path).contains("nut.listen", "nut.maxconn", "nut.tls.certificate",
                "nut.users.<name>.password", "http.listen", "ups.<name>.driver", "ups.<name>.file",
                "ups.<name>.variables.<name>.enum");
        assertThat(keys).allSatisfy(k -> assertThat(k.meaning()).isNotBlank());
    }

    @Test
    void durationSyntax() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).isInstanceOf(IllegalArgumentException.class);
    }
}
