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
}
