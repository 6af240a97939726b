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
        assertThat(uses("agent")).as("the agent stays small: NUT client, protocol, its config, TLS trust")
                .isSubsetOf("client", "protocol", "config", "tls");
    }

    /** No package reaches itself again through others: the graph of our packages has no cycle (Tarjan's SCCs). */
    @Test
    void noPackageCycle() {
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        int[] counter = {0};
        for (String v : USES.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, index, low, stack, counter, cycles);
            }
        }
        assertThat(cycles).as("package cycles (each list reaches itself)").isEmpty();
    }

    private static void strongConnect(String v, Map<String, Integer> index, Map<String, Integer> low,
                                      java.util.Deque<String> stack, int[] counter, List<List<String>> cycles) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        for (String w : uses(v)) {
            if (!index.containsKey(w)) {
                strongConnect(w, index, low, stack, counter, cycles);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                java.util.Collections.sort(component);
                List<String> edges = new ArrayList<>(component);
                component.forEach(a -> component.stream().filter(b -> USES.getOrDefault(a, Map.of()).containsKey(b))
                        .forEach(b -> edges.add(a + " -> " + b + " " + USES.get(a).get(b))));
                cycles.add(edges);
            }
        }
    }

    /** Settings are read by config/ and handed to features as their own records: features do not read config/. */
    @Test
    void onlyTheCompositionTheApiAndTheAgentsOwnLoaderUseConfig() {
        assertThat(usersOf("config")).allSatisfy(u -> assertThat(u).matches("(app|cli|api|agent) .*"));
    }

    /** Drivers read devices and feed the hub; they know nothing of who reads it. */
    @Test
    void driversFeedOnlyTheHub() {
        assertThat(uses("driver")).isSubsetOf("client", "hub", "power", "probe", "protocol", "time", "files", "tls");
    }

    /**
     * A driver reads and returns a {@code Reading}; only its runner publishes to the hub (one step per reading, the
     * drill flag passed in), so no driver of a subpackage refers to the hub itself.
     */
    @Test
    void onlyTheRunnerPublishes() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("driver"))) {
            List<String> publishers = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getParent().equals(MAIN.resolve("driver")) && read(p).contains("UpsHub"))
                    .map(p -> MAIN.relativize(p).toString()).toList();
            assertThat(publishers).isEmpty();
        }
        assertThat(read(MAIN.resolve("driver/DriverRunner.java"))).contains("hub.update(name, r.state(), r.sensors())");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** DESIGN: nothing reads a driver directly; the composition builds them, config binds their settings. */
    @Test
    void nothingButTheCompositionAndConfigReachADriver() {
        assertThat(usersOf("driver")).allSatisfy(u -> assertThat(u).matches("(app|config) .*"));
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
