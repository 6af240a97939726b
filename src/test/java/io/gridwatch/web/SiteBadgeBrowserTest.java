package io.gridwatch.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.gridwatch.testing.Postgres;
import io.gridwatch.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's header says where a server stands in its site, in Debian's Chromium: two servers sharing the
 * test PostgreSQL, the first leading ("Site: gw1 leads"), the second following ("Site: gw1 leads · this is
 * gw2"); when the leader stops, the follower's page says it leads now, without a reload. A server without
 * coordination shows no badge at all.
 */
class SiteBadgeBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static String yaml(String server, String site, Postgres.Server pg) {
        return """
                nut:
                  listen: ["127.0.0.1:0"]
                http: { listen: "127.0.0.1:0" }
                ups:
                  ups: { driver: dummy, file: ups.dev }
                %s
                """.formatted(server == null ? "" : """
                coordination:
                  site: %s
                  server: %s
                  url: "%s"
                  user: %s
                  lease: 2s
                """.formatted(site, server, pg.url(), pg.user()));
    }

    static Page loggedIn(BrowserContext context, TestServer s) {
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + s.app().http().boundAddress().getPort() + "/");
        page.getByLabel("User").fill("admin");
        page.getByLabel("Password").fill(s.app().initialAdminPassword());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#banner")).hasText("Grid power");
        return page;
    }

    @Test
    void theHeaderSaysWhoLeadsAndFollowsATakeover(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no /usr/bin/chromium (apt-get install chromium)");
        Postgres.Server pg = Postgres.get();
        String site = "badge" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = Map.of("ups.dev", "ups.status: OL\nbattery.charge: 90\n");
        for (String d : List.of("alone", "gw1", "gw2")) {
            Files.createDirectories(dir.resolve(d));
        }
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")));
             TestServer alone = TestServer.start(dir.resolve("alone"), yaml(null, null, pg), files);
             TestServer a = TestServer.start(dir.resolve("gw1"), yaml("gw1", site, pg), files)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> a.app().coordinator().leading());
            try (TestServer b = TestServer.start(dir.resolve("gw2"), yaml("gw2", site, pg), files);
                 BrowserContext context = browser.newContext()) {
                Page solo = loggedIn(context, alone);
                // the role is fetched with the first page: give it its round trip, then it must still be hidden
                Thread.sleep(1000);
                assertThat(solo.locator("#site")).isHidden();

                Page leader = loggedIn(context, a);
                assertThat(leader.locator("#site")).hasText("Site: gw1 leads");
                Page follower = loggedIn(context, b);
                assertThat(follower.locator("#site")).hasText("Site: gw1 leads · this is gw2");

                a.close(); // a clean stop gives the lease up: gw2 leads at its next renewal
                assertThat(follower.locator("#site")).hasText("Site: gw2 leads",
                        new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            }
        }
    }
}
