package io.gridwatch.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import io.gridwatch.testing.RealNut;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard must never show stale data as current and must not lose what a person is doing, in Debian's
 * Chromium: the server stopped under an open page (everything marked out of date within 5 s, no power state left),
 * started again (the page reconnects; with its session gone it asks to log in), a drill length chosen and kept
 * through live updates (and the drill ends by itself), the variables table following the UPS, every page checked by
 * axe-core in both themes and at 360 px without sideways scrolling, a report styled under the server's CSP.
 * Screenshots of every page, desktop and phone, go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardHonestyTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target/screenshots");
    static final Path AXE = Path.of("target/axe/package/axe.min.js");
    static final List<String> PAGES = List.of("", "ups", "ups/rack", "drills", "hosts", "events", "notifications",
            "settings", "users", "account");

    @TempDir
    static Path dir;
    static TestServer server;
    static String yaml;
    static String password;
    static int httpPort;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no /usr/bin/chromium (apt-get install chromium)");
        Files.createDirectories(SHOTS);
        Path mains = Files.writeString(dir.resolve("mains"), "on\n");
        httpPort = RealNut.freePort();
        yaml = """
                nut:
                  listen: ["127.0.0.1:0"]
                  users:
                    mon: { password: monpass, upsmon: primary }
                http:
                  listen: "127.0.0.1:%d"
                ups:
                  rack:
                    description: "Rack UPS (data port)"
                    driver: dummy
                    file: rack.dev
                    pollinterval: 200ms
                    commands: [beeper.disable]
                    variables:
                      input.sensitivity: { type: string, length: 8, enum: [low, normal, high], value: normal }
                  inverter:
                    description: "Inverter without a data port"
                    driver: command
                    command: ["/bin/sh", "-c", "grep -q on '%s'"]
                    interval: 200ms
                    fail_rounds: 1
                    restore_after: 500ms
                    battery: { runtime: 40m }
                site: { timezone: "Europe/Berlin" }
                hosts:
                  nas: { ups: inverter, address: 127.0.0.10, mac: "52:54:00:00:00:01", shutdown_delay: 10m, probe: "http://127.0.0.1:1/" }
                schedules:
                  weekly: { ups: [inverter], day: sunday, start: "03:00", stop: "03:20" }
                """.formatted(httpPort, mains);
        server = TestServer.start(dir, yaml, Map.of("rack.dev", "ups.status: OL\nbattery.charge: 97\nbattery.runtime: 2400\n"
                + "ups.load: 31\nups.realpower: 250\ninput.voltage: 231\noutput.voltage: 230\ninput.frequency: 50.0\n"
                + "ups.temperature: 27\nups.test.result: Done and passed\nbattery.date: 2024/03/01\n"));
        password = server.app().initialAdminPassword();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String base() {
        return "http://127.0.0.1:" + httpPort + "/";
    }

    static Page loggedIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(base());
        login(page);
        return page;
    }

    static void login(Page page) {
        page.getByLabel("User").fill("admin");
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#banner")).hasText("Grid power");
    }

    @Test
    @Order(1)
    void richCardsZonesAndTheVariablesTableFollowTheUps() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            assertThat(page).hasTitle("Grid power · Dashboard · Gridwatch");
            Locator rack = page.locator(".ups-card[data-ups=rack]");
            assertThat(rack.locator("[data-reading=input_voltage]")).hasText("231 V");
            assertThat(rack.locator("[data-reading=realpower]")).hasText("250 W");
            assertThat(rack.locator("[data-reading=input_frequency]")).hasText("50 Hz");
            assertThat(rack.locator("[data-reading=temperature]")).hasText("27 °C");
            assertThat(rack.locator("[data-reading=self_test]")).hasText("Done and passed");
            assertThat(rack.locator("[data-reading=battery_date]")).hasText("2024/03/01");

            page.navigate(base() + "#/drills");
            assertThat(page.locator("#view")).containsText("Europe/Berlin");
            assertThat(page.locator("#view tbody tr").first()).containsText(Pattern.compile("CET|CEST|GMT\\+"));

            page.navigate(base() + "#/ups/rack");
            Locator charge = page.locator(".variables tr[data-name='battery.charge'] .value");
            assertThat(charge).hasText("97");
            page.locator("#variable-filter").fill("battery");
            server.write("rack.dev", "ups.status: OB DISCHRG\nbattery.charge: 55\nbattery.runtime: 1200\nups.load: 31\n"
                    + "ups.realpower: 250\ninput.voltage: 0\noutput.voltage: 230\ninput.frequency: 50.0\n"
                    + "ups.temperature: 27\nups.test.result: Done and passed\nbattery.date: 2024/03/01\n");
            assertThat(charge).hasText("55");
            assertThat(page.locator(".variables tr[data-name='ups.status'] .value")).hasText("OB DISCHRG");
            assertThat(page.locator("#variable-filter")).hasValue("battery"); // the filter kept what was typed
            assertThat(page.locator(".variables tr[data-name='ups.status']")).isHidden();
            assertThat(page).hasTitle("On battery · UPS rack · Gridwatch");
            server.write("rack.dev", "ups.status: OL\nbattery.charge: 97\nbattery.runtime: 2400\nups.load: 31\n"
                    + "ups.realpower: 250\ninput.voltage: 231\noutput.voltage: 230\ninput.frequency: 50.0\n"
                    + "ups.temperature: 27\nups.test.result: Done and passed\nbattery.date: 2024/03/01\n");
            assertThat(page.locator("#banner")).hasText("Grid power");
        }
    }

    @Test
    @Order(2)
    void aMachineReportingFromAnUnknownAddressIsListedAndAddedAsAHost() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            io.gridwatch.testing.Api admin = io.gridwatch.testing.Api.of(server).login("admin", password);
            String token = admin.post("/api/v1/tokens", "{\"name\":\"seed\",\"scopes\":[\"client\"]}").json()
                    .get("token").asString();
            assertThat(admin.token(token).post("/status", "{\"ip\":\"127.0.0.77\",\"status\":\"shutting_down\","
                    + "\"shutdown_delay\":5}").status()).isEqualTo(200);
            page.navigate(base() + "#/hosts");
            Locator stranger = page.locator("[data-section=unconfigured] tr[data-address='127.0.0.77']");
            assertThat(stranger).containsText("shutting down");
            stranger.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add as host")).click();
            assertThat(page.locator("#host-address")).hasValue("127.0.0.77");
            page.locator("#host-name").fill("printer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add host")).click();
            assertThat(page.locator("tr[data-host=printer]")).containsText("127.0.0.77");
        }
    }

    @Test
    @Order(2)
    void aChosenDrillLengthSurvivesLiveUpdatesAndTheDrillEndsByItself() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            page.navigate(base() + "#/drills");
            Locator card = page.locator("article[data-ups=inverter]");
            Locator length = card.locator("select");
            length.selectOption("30s");
            page.waitForTimeout(10_000); // the inverter's card is redrawn by live updates meanwhile
            assertThat(length).hasValue("30s"); // the chosen length is kept
            card.locator("[data-action=start-drill]").click();
            assertThat(page.locator("#banner")).hasText("Drill in progress: inverter");
            assertThat(card).containsText("ends");
            assertThat(page.locator("#banner")).hasText("Grid power",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(45_000));
        }
    }

    @Test
    @Order(3)
    void aReportIsStyledUnderTheServersCspAndOffersItsPeriods() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            List<String> console = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
            page.navigate(base() + "api/v1/ups/rack/report?period=today");
            assertThat(page).hasTitle(Pattern.compile("^Today: rack"));
            assertThat(page.locator("h1")).containsText("rack");
            assertThat(page.locator("nav.periods a")).hasCount(7);
            Object maxWidth = page.evaluate("getComputedStyle(document.body).maxWidth");
            assertThat(maxWidth).as("the report's stylesheet applied").isEqualTo("760px");
            assertThat(console).as("no Content-Security-Policy violation").noneMatch(m -> m.contains("Content Security Policy")
                    || m.contains("Refused to"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("report.png")).setFullPage(true));
            page.navigate(base() + "api/v1/ups/rack/report?period=24h");
            assertThat(page.locator("main")).containsText("Last 24 hours");
        }
    }

    @Test
    @Order(4)
    void everyPagePassesAxeInBothThemesAndFitsAPhone() throws Exception {
        assertThat(AXE).as("axe-core is fetched by the build (generate-test-resources)").exists();
        String axe = Files.readString(AXE);
        List<String> problems = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)
                    .setColorScheme(scheme))) {
                Page page = context.newPage();
                page.navigate(base());
                page.locator("#login-form").waitFor();
                problems.addAll(axe(page, axe, "login (" + scheme + ")"));
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-" + scheme.name().toLowerCase()
                        + ".png")));
                login(page);
                for (String p : PAGES) {
                    page.navigate(base() + "#/" + p);
                    settle(page);
                    problems.addAll(axe(page, axe, (p.isEmpty() ? "dashboard" : p) + " (" + scheme + ")"));
                    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("desktop-" + name(p) + "-"
                            + scheme.name().toLowerCase() + ".png")).setFullPage(true));
                }
            }
        }
        assertThat(problems).as("axe-core: serious or critical violations").isEmpty();

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780))) {
            Page page = loggedIn(context);
            for (String p : PAGES) {
                page.navigate(base() + "#/" + p);
                settle(page);
                Object wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) wide).intValue()).as("#/" + p + " is wider than a 360 px phone").isLessThanOrEqualTo(0);
                for (String link : List.of("Dashboard", "UPS", "Drills", "Hosts", "Events", "Notifications", "Settings",
                        "Users")) {
                    assertThat(page.locator("#nav").getByRole(AriaRole.LINK,
                            new Locator.GetByRoleOptions().setName(link).setExact(true))).isInViewport();
                }
                page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("phone-" + name(p) + ".png"))
                        .setFullPage(true));
            }
        }
    }

    static String name(String page) {
        return page.isEmpty() ? "dashboard" : page.replace('/', '-');
    }

    /** Until the page has drawn what it loads (no spinner left). */
    static void settle(Page page) {
        page.waitForTimeout(300);
        page.waitForCondition(() -> page.locator("#view .spin").count() == 0,
                new Page.WaitForConditionOptions().setTimeout(10_000));
    }

    @SuppressWarnings("unchecked")
    static List<String> axe(Page page, String source, String where) {
        page.evaluate(source);
        List<Map<String, Object>> found = (List<Map<String, Object>>) page.evaluate("async () => (await axe.run(document, "
                + "{ resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === "
                + "'critical').map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => "
                + "n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : found) {
            out.add(where + ": " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("nodes"));
        }
        return out;
    }

    @Test
    @Order(5)
    void aLostServerMarksEverythingOutOfDateThenThePageReconnectsOrAsksToLogIn() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            assertThat(page.locator(".ups-card[data-ups=inverter]")).containsText("On line");
            server.close();
            server = null;
            assertThat(page.locator("#banner")).hasText(Pattern.compile("^Connection lost — last data \\d"),
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(5000));
            String text = page.locator("body").innerText();
            assertThat(text).as("no power state is left on the page").doesNotContain("Grid power").doesNotContain("On line")
                    .doesNotContain("On battery").doesNotContain("ups.status");
            assertThat(page.locator(".ups-card").first()).containsText("out of date");
            assertThat(page).hasTitle("Connection lost · Dashboard · Gridwatch");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("connection-lost.png")).setFullPage(true));

            server = TestServer.start(dir, Files.readString(dir.resolve("gridwatch.yaml")), Map.of());
            // the session survived the restart: no login needed
            assertThat(page.locator("#banner")).hasText("Grid power", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                            .setTimeout(30_000));
            assertThat(page.locator("#login")).isHidden();

            server.close();
            server = null;
            Files.delete(dir.resolve("gridwatch-data").resolve("sessions.json")); // the session is gone
            server = TestServer.start(dir, Files.readString(dir.resolve("gridwatch.yaml")), Map.of());
            assertThat(page.locator("#login")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                    .IsVisibleOptions().setTimeout(40_000));
            assertThat(page.locator("#login-error")).containsText("log in again");
            assertThat(page.locator("#nav")).isHidden();
            assertThat(page).hasTitle("Log in · Gridwatch");
            login(page);

            page.navigate(base() + "#/account");
            page.getByLabel("Current password").fill(password);
            page.getByLabel("New password (at least 10 characters)").fill("a new password 2026");
            page.getByLabel("New password again").fill("a new password 2026");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
            assertThat(page.locator("#login")).isVisible(); // every session of the user ended, this one too
            password = "a new password 2026";
            login(page);
        }
    }

    /**
     * A request the server answers with an error (a proxy in front that times out, a restarting server) is said on
     * the page where its data would be, and what was shown before is never left standing as if current.
     */
    @Test
    @Order(6)
    void aFailedFetchIsSaidWhereItsDataWouldBeAndOldDataIsNotPassedOffAsCurrent() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = loggedIn(context);
            java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
            String problem = "{\"title\":\"Service Unavailable\",\"detail\":\"the proxy in front timed out\"}";
            for (String path : List.of("/api/v1/notifications", "/api/v1/events?", "/api/v1/schedules")) {
                page.route(url -> url.endsWith(path) || (path.endsWith("?") && url.contains(path)), route -> {
                    if (failing.get()) {
                        route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503)
                                .setContentType("application/problem+json").setBody(problem));
                    } else {
                        route.resume();
                    }
                });
            }
            page.navigate(base() + "#/notifications");
            assertThat(page.locator("#notify-counts")).containsText("waiting");
            failing.set(true);
            assertThat(page.locator("#notify-counts")).containsText(Pattern.compile(
                    "Not refreshed: the proxy in front timed out\\. The lists below are as of \\d"),
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
            assertThat(page.locator("#notify-counts")).hasAttribute("role", "alert");
            failing.set(false);
            assertThat(page.locator("#notify-counts")).containsText("waiting",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

            page.navigate(base() + "#/events");
            assertThat(page.locator("tr.event").first()).isVisible();
            failing.set(true);
            page.getByLabel("Level").selectOption("warning");
            assertThat(page.locator("tbody [role=alert]")).hasText("the proxy in front timed out");
            assertThat(page.locator("tr.event")).hasCount(0); // no rows of the old filter stay
            assertThat(page.getByText("Older events")).isHidden();

            page.navigate(base() + "#/drills");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Schedules"))).isVisible();
            assertThat(page.locator("[role=alert]").filter(new Locator.FilterOptions().setHasText("timed out")))
                    .isVisible();
            failing.set(false);
        }
    }
}
