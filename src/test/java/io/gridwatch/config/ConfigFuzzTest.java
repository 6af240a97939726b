package io.gridwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzzes the config reader: any text either loads or is refused with problems that each name a line and say
 * something; no other exception, no hang. In the suite: a bounded run (see pom.xml, fuzz.duration).
 */
class ConfigFuzzTest {
    private static final Path FILE = Path.of("/nonexistent/fuzz.yaml");

    @FuzzTest(maxDuration = "20s")
    void anyTextLoadsOrIsRefusedWithReasons(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            GridwatchConfig c = ConfigLoader.parse(text, FILE, FILE.getParent());
            assertThat(c.ups()).isNotEmpty();
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.message()).isNotBlank();
                assertThat(p.line()).isGreaterThanOrEqualTo(0);
            });
        }
    }
}
