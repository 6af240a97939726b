package io.gridwatch.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwatch.agent.AgentConfig;
import io.gridwatch.agent.AgentConfigLoader;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "Two servers" set-up loads as written: the server's file, the agent's monitor, the upsmon lines. */
class TwoServersReadmeTest {
    private static List<String> blocks(String lang) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Two servers\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 5));
        List<String> out = new ArrayList<>();
        String fence = "```" + lang + "\n";
        for (int i = section.indexOf(fence); i >= 0; i = section.indexOf(fence, i + 1)) {
            int from = i + fence.length();
            out.add(section.substring(from, section.indexOf("```", from)));
        }
        return out;
    }

    @Test
    void theServersFileLoadsWithItsCoordination(@TempDir Path dir) throws Exception {
        GridwatchConfig c = ConfigLoader.parse(blocks("yaml").get(0), dir.resolve("gridwatch.yaml"), dir);
        assertThat(c.coordination().server()).isEqualTo("gw1");
        assertThat(c.coordination().url()).isEqualTo("jdbc:postgresql://db.lan:5432/gridwatch");
        assertThat(c.coordination().lease()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.coordination().window()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.coordination().toString()).as("no secret in the log line").doesNotContain("change-me");
    }

    @Test
    void theAgentsMonitorLoadsWithBothServers(@TempDir Path dir) throws Exception {
        AgentConfig c = AgentConfigLoader.parse(blocks("yaml").get(1), dir.resolve("agent.yaml"), dir);
        assertThat(c.monitors().get(0).endpoints()).containsExactly(new AgentConfig.Endpoint("grid", "gw1.lan", 3493),
                new AgentConfig.Endpoint("grid", "gw2.lan", 3493));
    }

    @Test
    void theUpsmonLinesAreTheOnesTheTestRuns() throws Exception {
        String upsmon = blocks("text").get(0);
        assertThat(upsmon).contains("MINSUPPLIES 2").containsPattern("(?m)^MONITOR grid@gw1.lan 1 ")
                .containsPattern("(?m)^MONITOR grid@gw2.lan 1 ");
    }

    @Test
    void withoutCoordinationAServerIsAloneAsBefore(@TempDir Path dir) throws Exception {
        String file = blocks("yaml").get(0);
        GridwatchConfig c = ConfigLoader.parse(file.substring(0, file.indexOf("coordination:")), dir.resolve("g.yaml"), dir);
        assertThat(c.coordination()).isNull();
        assertThat(Coordinator.alone("x").leading()).isTrue();
    }

    @Test
    void coordinationProblemsNameTheirField(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.parse("""
                coordination: { server: "gw 1", url: "jdbc:sqlite:/tmp/x.db", lease: 100ms }
                """, dir.resolve("g.yaml"), dir)).isInstanceOf(io.gridwatch.config.ConfigException.class)
                .satisfies(e -> assertThat(((io.gridwatch.config.ConfigException) e).problems())
                        .extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).contains("coordination.server").contains("'gw 1' is not a name"))
                        .anySatisfy(p -> assertThat(p).contains("coordination.url").contains("jdbc:postgresql:"))
                        .anySatisfy(p -> assertThat(p).contains("coordination.lease")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.parse("coordination: { server: gw1 }\n",
                dir.resolve("g.yaml"), dir)).isInstanceOf(io.gridwatch.config.ConfigException.class)
                .hasMessageContaining("url is required");
    }
}
