package io.gridwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwatch.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** agent.yaml is checked as a whole: every problem at once, with its line and key path; good files bind. */
class AgentConfigLoaderTest {
    static final Path FILE = Path.of("/etc/gridwatch/agent.yaml");

    @Test
    void everyProblemAtOnceWithLineAndKey() {
        String yaml = """
                monitor:
                  rack: { ups: "rack@host:99999", role: boss }
                  other: { role: primary }
                min_supplies: 5
                poll: fast
                hub: { url: "ftp://x" }
                timers:
                  t: { start_on: [ONBAT], after: 30s, command: [x] }
                shutdown_comand: [x]
                """;
        assertThatThrownBy(() -> AgentConfigLoader.parse(yaml, FILE, FILE.getParent()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "agent.yaml:2", "monitor.rack.ups", "monitor.rack.role", "must be primary or secondary",
                        "agent.yaml:3", "monitor.other.ups", "missing", "monitor.other.user",
                        "agent.yaml:5", "poll",
                        "hub.url", "http:// or https://",
                        "timers.t.start_on", "'ONBAT' is not a notification type",
                        "shutdown_comand"));
    }

    @Test
    void aGoodFileBindsWithUpsmonDefaults() throws Exception {
        AgentConfig c = AgentConfigLoader.parse("""
                host: nas
                monitor:
                  rack: { ups: rack@10.0.0.5, user: upsmon, password: pw, role: master, power_value: 2 }
                min_supplies: 2
                hub: { url: "http://gridwatch:8080", token: gw_x }
                """, FILE, FILE.getParent());
        assertThat(c.monitors()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("rack@10.0.0.5");
            assertThat(m.primary()).as("master is upsmon's old word for primary").isTrue();
            assertThat(m.powerValue()).isEqualTo(2);
            assertThat(m.toString()).doesNotContain("pw");
        });
        assertThat(c.timing().deadtime().toSeconds()).isEqualTo(15);
        assertThat(c.timing().hostsync().toSeconds()).isEqualTo(15);
        assertThat(c.timing().finalDelay().toSeconds()).isEqualTo(5);
        assertThat(c.hub().toString()).doesNotContain("gw_x");
        assertThat(c.shutdownCommand()).isNotEmpty();
    }

    @Test
    void powerValuesBelowMinSuppliesAreRefused() {
        assertThatThrownBy(() -> AgentConfigLoader.parse("monitor:\n  a: { ups: a@h }\nmin_supplies: 2\n", FILE,
                FILE.getParent())).hasMessageContaining("min_supplies").hasMessageContaining("shut down at once");
    }
}
