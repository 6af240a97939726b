package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent stays small: run from the jar through the launcher (its own JVM flags), logged in to a server and
 * taken through an outage in dry-run mode, it has loaded no class of the web server, the API, the drivers, the
 * hub, the NUT server, a database or mDNS (discovery is loaded only when asked for).
 */
class AgentFootprintIT {
    static final List<String> FORBIDDEN = List.of("io.javalin.", "org.eclipse.jetty.", "io.gridwatch.api.",
            "io.gridwatch.app.", "io.gridwatch.driver.", "io.gridwatch.hub.", "io.gridwatch.server.",
            "io.gridwatch.power.", "io.gridwatch.recovery.", "org.sqlite.", "org.postgresql.", "com.zaxxer.",
            "javax.jmdns.", "tools.jackson.databind.");

    @Test
    void theAgentLoadsNoServerWebDatabaseOrDriverCode(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    mon: { password: monpass, upsmon: secondary }
                ups:
                  ups: { driver: dummy, file: ups.dev, pollinterval: 200ms }
                """, Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n"))) {
            Path yaml = Files.writeString(dir.resolve("agent.yaml"), """
                    host: footprint
                    monitor:
                      ups: { ups: ups@127.0.0.1:%d, user: mon, password: monpass }
                    policy: { shutdown_delay: 0s }
                    final_delay: 0s
                    """.formatted(server.port()));
            Path classes = dir.resolve("classes.txt");
            Path log = dir.resolve("agent.log");
            String flags = "-XX:+UseSerialGC -Xint -Xms4m -Xmn2m -Xmx32m -Xlog:class+load=info:file=" + classes;
            ProcessBuilder pb = new ProcessBuilder(Path.of("gridwatch").toAbsolutePath().toString(), "agent",
                    "--config", yaml.toString(), "--dry-run").redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("GRIDWATCH_JAVA_OPTS", flags);
            Process agent = pb.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> server.session().numLogins("ups") == 1);
                server.write("ups.dev", "ups.status: OB LB\nbattery.charge: 5\n");
                assertThat(agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the dry-run shutdown ends it")
                        .isTrue();
            } finally {
                agent.destroyForcibly();
            }
            assertThat(Files.readString(log)).contains("dry run: would now run", "gridwatch agent: dry run");
            List<String> loaded = Files.readAllLines(classes).stream()
                    .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", "")).toList();
            assertThat(loaded).as("classes loaded").anyMatch(l -> l.startsWith("io.gridwatch.agent.PowerStateMachine"));
            assertThat(loaded).noneMatch(l -> FORBIDDEN.stream().anyMatch(l::startsWith));
        }
    }
}
