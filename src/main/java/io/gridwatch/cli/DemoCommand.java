package io.gridwatch.cli;

import io.gridwatch.app.DemoSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gridwatch demo grid off|on}: switches the running demo site's sentinel services off (an outage) or on. */
@Command(name = "demo", description = "Play with the running demo site: 'demo grid off' cuts its sentinels, 'demo grid on' "
        + "brings them back.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "grid", description = "What to change: the demo site's grid (its sentinels).")
    String what;

    @Parameters(index = "1", paramLabel = "off|on", description = "off: the sentinels go dark (an outage); on: they answer again.")
    String state;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "gridwatch-data",
            description = "The demo's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (!what.equals("grid") || !(state.equals("off") || state.equals("on"))) {
            err.println("Error: say 'demo grid off' or 'demo grid on'");
            return 2;
        }
        Path file = DemoSite.sentinelsFile(dataDir.toAbsolutePath());
        List<String> urls;
        try {
            urls = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            err.println("Error: no demo site here (" + file + " missing): start one with 'gridwatch server'");
            return 1;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            for (String url : urls) {
                http.send(HttpRequest.newBuilder(URI.create(url + "power/" + state))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            err.println("Error: the demo site does not answer (" + e.getMessage() + "); is 'gridwatch server' running?");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        String grid = "grid@" + nutAddress(dataDir.toAbsolutePath());
        spec.commandLine().getOut().println(state.equals("off")
                ? "The demo's sentinels are dark: within seconds UPS 'grid' goes on battery (try: gridwatch upsc "
                        + grid + " ups.status)"
                : "The demo's sentinels are back: UPS 'grid' returns to line power after its 5-second hysteresis "
                        + "(gridwatch upsc " + grid + " ups.status)");
        return 0;
    }

    /** Where the running demo's NUT server listens, as its configuration says (host:port). */
    static String nutAddress(Path dataDir) {
        try {
            var c = io.gridwatch.config.ConfigLoader.load(dataDir.resolve("demo").resolve("gridwatch-demo.yaml"));
            return Banner.address(c.nut().listen().get(0));
        } catch (io.gridwatch.config.ConfigException | RuntimeException e) {
            return "127.0.0.1";
        }
    }
}
