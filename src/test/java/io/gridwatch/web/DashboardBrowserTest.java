package io.gridwatch.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's Chromium, driven by Playwright (no browser download): log in, see the site, run a
 * drill and watch the UPS go on battery and a host's countdown appear, stop it, and change a setting through a
 * validation error. Screenshots go to {@code target/screenshots/} for a person to look at.
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dir;
    static TestServer server;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no /usr/bin/chromium (apt-get install chromium)");
        Files.createDirectories(SHOTS);
        Path mains = Files.writeString(dir.resolve("mains"), "on\n");
        server = TestServer.start(dir, """
                nut:
                  listen: ["127.0.0.1:0"]
                ups:
                  rack:
                    description: "Rack UPS (data port)"
                    driver: dummy
                    file: rack.dev
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
                recovery: { broadcast: 127.0.0.1, port: 9 }
                hosts:
                  nas: { ups: inverter, address: 127.0.0.10, mac: "52:54:00:00:00:01", shutdown_delay: 10m, probe: "http://127.0.0.1:1/" }
                  pi: { ups: inverter, address: 127.0.0.11, shutdown_delay: 2m, ignore_drills: true }
                """.formatted(mains), Map.of("rack.dev", "ups.status: OL\nbattery.charge: 97\nbattery.runtime: 2400\n"
                + "ups.load: 31\nbattery.charge.low: 20\nups.realpower: 250\n"));
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
        return "http://127.0.0.1:" + server.app().http().boundAddress().getPort() + "/";
    }

    static Page loggedIn(BrowserContext context) {
        Page page = context.newPage();
        page.navigate(base());
        page.getByLabel("User").fill("admin");
        page.getByLabel("Password").fill(server.app().initialAdminPassword());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#banner")).hasText("Grid power");
        return page;
    }

    @Test
    void drillFromTheBrowserPutsTheUpsOnBatteryAndStartsTheCountdown() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = loggedIn(context);
            Locator inverter = page.locator(".ups-card[data-ups=inverter]");
            assertThat(inverter).containsText("On line");
            assertThat(page.locator(".ups-card[data-ups=rack]")).containsText("97%");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("1-dashboard.png")).setFullPage(true));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Drills")).click();
            Locator card = page.locator("article[data-ups=inverter]");
            card.locator("[data-action=start-drill]").click();
            assertThat(page.locator("#banner")).hasText("Drill in progress: inverter");
            assertThat(card).containsText("On battery");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")).click();
            assertThat(page.locator("tr[data-host=nas] .countdown")).hasText(Pattern.compile("^(9m|10m) \\d\\ds$"));
            assertThat(page.locator("tr[data-host=pi] [data-countdown]")).hasText("–");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("2-drill-countdown.png")).setFullPage(true));

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Drills")).click();
            page.locator("article[data-ups=inverter] [data-action=stop-drill]").click();
            assertThat(page.locator("#banner")).hasText("Grid power");
        }
    }

    @Test
    void aSettingWithAValidationErrorThenAValidValue() {
        try (BrowserContext context = browser.newContext()) {
            Page page = loggedIn(context);
            page.navigate(base() + "#/settings");
            page.locator(".tabs [data-tab=recovery]").click();
            Locator attempts = page.locator("[data-path='recovery.attempts']");
            attempts.fill("0");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save recovery")).click();
            assertThat(page.locator("[data-error-for='recovery.attempts']")).containsText("from 1 to 100");
            assertThat(attempts).hasAttribute("aria-invalid", "true");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("3-settings-error.png")).setFullPage(true));
            attempts.fill("3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save recovery")).click();
            assertThat(page.locator(".toast.ok")).containsText("in force now: recovery");
            page.locator(".tabs [data-tab=recovery]").click();
            assertThat(page.locator("[data-path='recovery.attempts']")).hasValue("3");
        }
    }

    @Test
    void darkThemeOnAPhone() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK))) {
            Page page = loggedIn(context);
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            assertThat(page.locator(".ups-card")).hasCount(2);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("4-phone-dark.png")).setFullPage(true));
        }
    }

    @Test
    void historyChartsOfAUps() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = loggedIn(context);
            page.navigate(base() + "#/ups/rack");
            Locator battery = page.locator("figure.chart-card:has(.chart[data-group='Battery charge'])");
            assertThat(battery).containsText("battery.charge");
            assertThat(battery.locator("canvas")).hasCount(1);
            assertThat(page.locator("figure.chart-card:has(.chart[data-group='Load'])")).containsText("ups.load");
            assertThat(page.locator("figure.chart-card:has(.chart[data-group='Real power'])")).containsText("W");
            assertThat(page.locator(".ranges [data-range='1h']")).hasAttribute("aria-pressed", "true");
            assertThat(page.locator(".ranges [data-range='7d']")).hasCount(1);
            assertThat(page.locator(".reports a").first()).hasAttribute("href", "/api/v1/ups/rack/report?period=today");
            Locator energy = page.locator("section.energy");
            assertThat(energy).containsText("kWh");
            assertThat(energy).containsText("From ups.realpower.");
            energy.locator("[data-unit=month]").click();
            assertThat(energy.locator("[data-unit=month]")).hasAttribute("aria-pressed", "true");
            // the sampler writes every 5 s: until then the chart says it has nothing for this range
            page.waitForCondition(() -> {
                page.locator(".ranges [data-range='1h']").click();
                page.waitForTimeout(1500);
                return !battery.innerText().contains("No history");
            }, new Page.WaitForConditionOptions().setTimeout(30_000));
            assertThat(battery.locator(".chart-legend .now")).hasText("97");
            battery.locator(".u-over").hover();
            assertThat(battery.locator(".chart-legend .now")).hasText("97");
            page.locator("section.history").screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("5-history.png")));
            assertThat(battery.locator("a[download]").first()).hasAttribute("href",
                    Pattern.compile("history\\?var=battery\\.charge&range=1h&format=csv$"));
            page.locator(".ranges [data-range='30d']").click();
            assertThat(page.locator(".ranges [data-range='30d']")).hasAttribute("aria-pressed", "true");
            assertThat(battery).containsText("hour"); // a month is drawn from hour rollups
        }
    }

    static boolean reload(Page page) {
        page.getByLabel("Archive").uncheck();
        page.getByLabel("Archive").check();
        return false;
    }

    @Test
    void archivedEventsAreAcknowledgedAndExported() {
        try (BrowserContext context = browser.newContext()) {
            Page page = loggedIn(context);
            page.navigate(base() + "#/events");
            page.getByLabel("Archive").check();
            Locator ack = page.locator("[data-ack]").first();
            page.waitForCondition(() -> {
                if (ack.count() > 0) {
                    return true;
                }
                page.getByLabel("Archive").uncheck();
                page.getByLabel("Archive").check(); // reload: the archive is written every second
                return false;
            }, new Page.WaitForConditionOptions().setTimeout(20_000));
            String id = ack.getAttribute("data-ack");
            ack.click();
            assertThat(page.locator("tr[data-id='" + id + "']")).containsText("acknowledged by admin@");
            // many at once: select every unacknowledged one shown, then acknowledge the selection
            page.waitForCondition(() -> page.locator("input[data-pick]").count() > 0 || reload(page),
                    new Page.WaitForConditionOptions().setTimeout(20_000));
            int open = page.locator("input[data-pick]").count();
            page.locator("#select-all-events").check();
            page.locator("[data-action=ack-selected]").click();
            assertThat(page.locator(".toast.ok")).containsText(open + " event(s) acknowledged");
            assertThat(page.locator("input[data-pick]")).hasCount(0);
            assertThat(page.locator("a.csv")).hasAttribute("href", Pattern.compile("^/api/v1/events/archive\\?.*format=csv"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("6-events-archive.png")).setFullPage(true));
        }
    }
}
