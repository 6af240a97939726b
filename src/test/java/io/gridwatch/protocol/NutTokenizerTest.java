package io.gridwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NUT's parseconf rules, one by one (NUT common/parseconf.c). */
class NutTokenizerTest {

    static List<List<String>> lines(String text) {
        NutTokenizer t = NutTokenizer.forServer();
        List<List<String>> out = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            if (t.accept(b)) {
                out.add(t.takeArgs());
            }
        }
        return out;
    }

    @Test
    void splitsOnWhitespace() {
        assertThat(NutTokenizer.split("GET  VAR\tups \r ups.status")).containsExactly("GET", "VAR", "ups", "ups.status");
    }

    @Test
    void quotedWordsKeepSpaces() {
        assertThat(NutTokenizer.split("SET VAR ups ups.id \"rack 1\"")).containsExactly("SET", "VAR", "ups", "ups.id", "rack 1");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertThat(NutTokenizer.split("SET VAR ups x \"\"")).containsExactly("SET", "VAR", "ups", "x", "");
    }

    @Test
    void backslashEscapesInsideAndOutsideQuotes() {
        assertThat(NutTokenizer.split("a\\ b \"c\\\"d\\\\e\"")).containsExactly("a b", "c\"d\\e");
    }

    @Test
    void hashStartsACommentOutsideQuotes() {
        assertThat(NutTokenizer.split("GET VAR ups x#comment")).containsExactly("GET", "VAR", "ups", "x");
        assertThat(NutTokenizer.split("\"a#b\"")).containsExactly("a#b");
    }

    @Test
    void equalsSignIsAWordOfItsOwn() {
        assertThat(NutTokenizer.split("a=b = c")).containsExactly("a", "=", "b", "=", "c");
    }

    @Test
    void quoteInsideAWordIsJustACharacter() {
        assertThat(NutTokenizer.split("ups.\"status\"")).containsExactly("ups.\"status\"");
    }

    @Test
    void quotedWordRunsAcrossLines() {
        assertThat(lines("GET \"a\nb\" c\nVER\n")).containsExactly(List.of("GET", "ab", "c"), List.of("VER"));
    }

    @Test
    void backslashNewlineJoinsLines() {
        assertThat(lines("GET VAR \\\nups x\n")).containsExactly(List.of("GET", "VAR", "ups", "x"));
    }

    @Test
    void emptyLineIsALineWithoutWords() {
        assertThat(lines("\n  \n")).containsExactly(List.of(), List.of());
    }

    @Test
    void controlAndHighBytesAreDroppedInServerMode() {
        assertThat(lines("ab\u0001c\u00ffd\n")).containsExactly(List.of("abcd"));
    }

    @Test
    void utf8KeptInClientMode() {
        assertThat(NutTokenizer.split("\"Salle serveur é\"")).containsExactly("Salle serveur é");
    }

    @Test
    void wordsAreCutAt512Characters() {
        List<String> words = NutTokenizer.split("x" + "y".repeat(1000));
        assertThat(words.get(0)).hasSize(NutTokenizer.WORD_LIMIT).startsWith("xy");
    }

    @Test
    void linesKeepAt32Words() {
        assertThat(NutTokenizer.split("w ".repeat(100))).hasSize(NutTokenizer.ARG_LIMIT);
    }

    @Test
    void fileLinesRememberWhereTheyStart() {
        List<NutTokenizer.Line> lines = NutTokenizer.lines("# c\n\na: 1\nb: \"x\ny\"\nc: 3", false);
        assertThat(lines).extracting(NutTokenizer.Line::number).containsExactly(3, 4, 6);
        assertThat(lines.get(1).words()).containsExactly("b:", "xy");
        assertThat(lines.get(2).words()).containsExactly("c:", "3");
    }
}
