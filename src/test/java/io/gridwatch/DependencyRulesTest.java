package io.gridwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's dependency rules, checked on the sources: every reference to another of our packages (import
 * or fully qualified name) counts.
 */
class DependencyRulesTest {
    private static final Path MAIN = Path.of("src/main/java/io/gridwatch");
    private static final Pattern REF = Pattern.compile("io\\.gridwatch\\.([a-z]+)[.;]");
    /** Package to the set of our packages it refers to, with the files doing it. */
    private static final Map<String, Map<String, Set<String>>> USES = new TreeMap<>();

    @BeforeAll
    static void scan() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                String pkg = rel.getNameCount() == 1 ? "(root)" : rel.getName(0).toString();
                Matcher m = REF.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg)) {
                        USES.computeIfAbsent(pkg, k -> new TreeMap<>()).computeIfAbsent(used, k -> new TreeSet<>())
                                .add(rel.toString());
                    }
                }
            }
        }
        assertThat(USES).as("sources found").isNotEmpty();
    }

    static Set<String> uses(String pkg) {
        return USES.getOrDefault(pkg, Map.of()).keySet();
    }

    static List<String> usersOf(String pkg) {
        List<String> out = new ArrayList<>();
        USES.forEach((user, used) -> {
            if (used.containsKey(pkg)) {
                out.add(user + " " + used.get(pkg));
            }
        });
        return out;
    }

    @Test
    void protocolAndHubUseNothingElseOfOurs() {
        assertThat(uses("protocol")).isEmpty();
        assertThat(uses("hub")).isEmpty();
    }

    @Test
    void clientUsesOnlyProtocol() {
        assertThat(uses("client")).isSubsetOf("protocol");
    }

    @Test
    void theAgentUsesNoWebDatabaseOrDriverCode() {
        assertThat(uses("agent")).as("the agent stays small: NUT client, protocol, its config")
                .isSubsetOf("client", "protocol", "config");
    }

    @Test
    void onlyMainAndCliTouchApp() {
        assertThat(usersOf("app")).allSatisfy(u -> assertThat(u).startsWith("cli "));
    }

    @Test
    void nothingDependsOnCliButMain() {
        assertThat(usersOf("cli")).allSatisfy(u -> assertThat(u).startsWith("(root) "));
    }

    @Test
    void domainCodeNeverSleeps() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> sleepers = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).startsWith("cli"))
                    // the agent's runtime loop is its own scheduler (poll interval, FINALDELAY); its decisions,
                    // PowerStateMachine, take the time as input and are checked here like all domain code
                    .filter(p -> !MAIN.relativize(p).toString().equals("agent/Agent.java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("Thread.sleep(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Path::toString).toList();
            assertThat(sleepers).isEmpty();
        }
    }

    @Test
    void onlyTheCliWritesToStdout() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> writers = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).startsWith("cli"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("System.out");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Path::toString).toList();
            assertThat(writers).isEmpty();
        }
    }
}
