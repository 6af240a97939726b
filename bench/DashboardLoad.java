import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Dashboard load time in Debian's headless Chromium: from navigation start to the moment the first UPS card is
 * on the page (the HTML, the modules, the CSS, the session check, the API's hello over SSE, the first render).
 * Cold: a new browser context each time (empty cache, new connection); warm: reloads in one context. Also the
 * browser's own DOMContentLoaded time and the bytes the page moved. Run by bench/http-bench.sh.
 *
 *   java -cp <test classpath> bench/DashboardLoad.java <base-url> <admin-password> <loads>
 */
public class DashboardLoad {
    public static void main(String[] args) {
        String base = args[0];
        String password = args[1];
        int loads = Integer.parseInt(args[2]);
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(java.nio.file.Path.of("/usr/bin/chromium")).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            // a few loads to warm the server's JIT and Chromium's process pool before anything is timed
            measure(browser, base, password, 5, true);
            Result cold = measure(browser, base, password, loads, true);
            Result warm = measure(browser, base, password, loads, false);
            System.out.printf("%-6s %6s %14s %14s %14s %10s%n", "load", "runs", "card p50 ms", "card max ms",
                    "DCL p50 ms", "kB moved");
            cold.print("cold");
            warm.print("warm");
        }
    }

    record Result(List<Double> card, List<Double> dcl, double kb) {
        void print(String what) {
            System.out.printf("%-6s %6d %14.1f %14.1f %14.1f %10.1f%n", what, card.size(), median(card),
                    Collections.max(card), median(dcl), kb);
        }
    }

    static Result measure(Browser browser, String base, String password, int loads, boolean cold) {
        List<Double> card = new ArrayList<>();
        List<Double> dcl = new ArrayList<>();
        double kb = 0;
        BrowserContext shared = cold ? null : login(browser, base, password);
        Page page = cold ? null : shared.newPage();
        if (!cold) {
            page.navigate(base);
            page.waitForSelector(".ups-card");
        }
        for (int i = 0; i < loads; i++) {
            BrowserContext context = cold ? login(browser, base, password) : shared;
            Page p = cold ? context.newPage() : page;
            long t0 = System.nanoTime();
            if (cold) {
                p.navigate(base);
            } else {
                p.reload();
            }
            p.waitForSelector(".ups-card");
            card.add((System.nanoTime() - t0) / 1e6);
            Object timing = p.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                    + " const bytes = performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, n.transferSize);"
                    + " return [n.domContentLoadedEventEnd, bytes]; }");
            List<?> t = (List<?>) timing;
            dcl.add(((Number) t.get(0)).doubleValue());
            kb = ((Number) t.get(1)).doubleValue() / 1024;
            if (System.getenv("BENCH_DETAIL") != null && i == 0) {
                System.out.println(p.evaluate("() => [performance.getEntriesByType('navigation')[0],"
                        + " ...performance.getEntriesByType('resource')].map(r => r.name.replace(/^.*\\/\\/[^/]*/, '')"
                        + " + ' start ' + r.startTime.toFixed(1) + ' dns/connect ' + (r.connectEnd - r.startTime).toFixed(1)"
                        + " + ' ttfb ' + (r.responseStart - r.requestStart).toFixed(1) + ' end ' + r.responseEnd.toFixed(1)"
                        + " + ' bytes ' + r.transferSize + ' body ' + r.encodedBodySize + '/' + r.decodedBodySize).join('\\n')"));
            }
            if (cold) {
                context.close();
            }
        }
        if (shared != null) {
            shared.close();
        }
        return new Result(card, dcl, kb);
    }

    /** A new context with a dashboard session (the cookie the login form would set). */
    static BrowserContext login(Browser browser, String base, String password) {
        BrowserContext context = browser.newContext();
        APIRequestContext request = context.request();
        var r = request.post(base + "api/v1/login", RequestOptions.create()
                .setHeader("Content-Type", "application/json")
                .setData("{\"username\":\"admin\",\"password\":\"" + password + "\"}"));
        if (r.status() != 200) {
            throw new IllegalStateException("login: " + r.status() + " " + r.text());
        }
        return context;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
