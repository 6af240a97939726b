package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Structured logs: with GRIDWATCH_LOG_FORMAT=json (here the system property) each line is one JSON object. */
class LogSetupTest {
    private static String logOnce(boolean json) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String before = System.getProperty("gridwatch.log.format");
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            if (json) {
                System.setProperty("gridwatch.log.format", "json");
            } else {
                System.clearProperty("gridwatch.log.format");
            }
            LoggerContext ctx = new LoggerContext();
            ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's binding does
            new LogSetup().configure(ctx);
            ctx.getLogger("io.gridwatch.app.ServerApp").warn("history: cannot open {}", "db");
            ctx.stop();
        } finally {
            System.setErr(saved);
            if (before == null) {
                System.clearProperty("gridwatch.log.format");
            } else {
                System.setProperty("gridwatch.log.format", before);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesWhenAskedTextOtherwise() {
        String text = logOnce(false);
        assertThat(text).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[.+] ServerApp: "
                + "history: cannot open db\\R");
        String json = logOnce(true);
        assertThat(json.lines().count()).isEqualTo(1);
        JsonNode line = JsonMapper.builder().build().readTree(json);
        assertThat(line.get("level").asString()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asString()).isEqualTo("io.gridwatch.app.ServerApp");
        assertThat(line.get("formattedMessage").asString()).isEqualTo("history: cannot open db");
        assertThat(line.get("timestamp").asLong()).isPositive();
    }
}
