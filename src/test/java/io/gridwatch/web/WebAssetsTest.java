package io.gridwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page asks for every JavaScript module at once ({@code modulepreload}) instead of discovering them import
 * by import, which costs one round trip per level of imports; and it loads nothing from another site (the
 * machines it runs on have no internet).
 */
class WebAssetsTest {
    static final Path WEB = Path.of("src/main/resources/io/gridwatch/web");

    @Test
    void indexPreloadsEveryModule() throws IOException {
        String index = Files.readString(WEB.resolve("index.html"));
        List<String> modules;
        try (Stream<Path> files = Files.walk(WEB.resolve("js"))) {
            modules = files.filter(p -> p.toString().endsWith(".js")).map(p -> WEB.relativize(p).toString())
                    .filter(m -> !m.equals("js/app.js")).sorted().toList();
        }
        assertThat(modules).isNotEmpty();
        for (String m : modules) {
            assertThat(index).as("index.html preloads " + m).contains("<link rel=\"modulepreload\" href=\"" + m + "\">");
        }
    }

    @Test
    void nothingIsLoadedFromAnotherSite() throws IOException {
        Pattern remote = Pattern.compile("(?:src|href)=\"(https?:)?//|import[^;]*from\\s*['\"](https?:)?//");
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".svg")).toList()) {
                Matcher m = remote.matcher(Files.readString(f));
                assertThat(m.find()).as(f + " loads from another site").isFalse();
            }
        }
    }

    /** The modules {@code file} (under js/) imports, as paths under js/. */
    static List<String> importsOf(Path file) throws IOException {
        Matcher m = Pattern.compile("import[^;]*?from\\s*'([^']+)'").matcher(Files.readString(file));
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(WEB.resolve("js").relativize(file.getParent().resolve(m.group(1)).normalize()).toString());
        }
        return out;
    }

    @Test
    void theModulesPointOneWayAppToViewsToTheStore() throws IOException {
        java.util.Map<String, List<String>> imports = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(WEB.resolve("js"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                imports.put(WEB.resolve("js").relativize(f).toString(), importsOf(f));
            }
        }
        assertThat(imports.get("app.js")).as("the scan reads imports").contains("store.js", "views/dashboard.js");
        imports.forEach((module, used) -> {
            if (!module.equals("app.js")) {
                assertThat(used).as(module + " does not import app.js (the session is in store.js)").doesNotContain("app.js");
            }
            if (module.startsWith("views/") && !module.equals("views/common.js")) {
                assertThat(used.stream().filter(u -> u.startsWith("views/") && !u.equals("views/common.js")
                        && !u.equals("views/charts.js") && !u.equals("views/energy.js")))
                        .as(module + " imports no other page (shared pieces are in views/common.js)").isEmpty();
            }
        });
        assertThat(imports.get("store.js")).as("the store knows no view").allMatch(u -> !u.startsWith("views/"));
    }

    @Test
    void everyFetchedPartOfAPageSaysLoadingThenItsContentOrItsError() throws IOException {
        try (Stream<Path> files = Files.walk(WEB.resolve("js/views"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String js = Files.readString(f);
                assertThat(js).as(f + ": 'Loading…' is loadInto's to say").doesNotContain("'Loading…'");
                assertThat(js).as(f + ": a failed refresh is never swallowed").doesNotContain(".catch(() => {})");
                assertThat(js).as(f + ": questions before an action are act()'s").doesNotContain("confirm(");
            }
        }
    }
}
