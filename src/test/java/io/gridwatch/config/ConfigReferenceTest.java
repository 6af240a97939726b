package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from the key catalogue; this keeps the checked-in copy current. */
class ConfigReferenceTest {
    @Test
    void checkedInReferenceIsUpToDate() throws Exception {
        String checkedIn = Files.readString(Path.of("docs/configuration.md"));
        assertThat(checkedIn).as("docs/configuration.md is stale: run ./gridwatch config-reference > docs/configuration.md")
                .isEqualTo(ConfigReference.markdown());
    }

    @Test
    void checkedInAgentReferenceIsUpToDate() throws Exception {
        String checkedIn = Files.readString(Path.of("docs/agent-configuration.md"));
        assertThat(checkedIn).as("docs/agent-configuration.md is stale: run ./gridwatch agent --reference > "
                + "docs/agent-configuration.md").isEqualTo(io.gridwatch.agent.AgentConfigLoader.markdown());
    }
}
