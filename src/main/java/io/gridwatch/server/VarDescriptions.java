package io.gridwatch.server;

import io.gridwatch.protocol.NutTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Descriptions of variables and instant commands for {@code GET DESC} / {@code GET CMDDESC}, read from a
 * NUT {@code cmdvartab} file ({@code VARDESC name "text"}, {@code CMDDESC name "text"}) as upsd does, with
 * Gridwatch's own table as the fallback. Immutable after construction; safe from any thread.
 */
public final class VarDescriptions {
    /** Where Debian and most distributions install NUT's table. */
    public static final Path NUT_CMDVARTAB = Path.of("/usr/share/nut/cmdvartab");

    private final Map<String, String> vars;
    private final Map<String, String> commands;

    private VarDescriptions(Map<String, String> vars, Map<String, String> commands) {
        this.vars = vars;
        this.commands = commands;
    }

    /** NUT's cmdvartab when it is readable, else the built-in table. */
    public static VarDescriptions load(Path cmdvartab) {
        if (cmdvartab != null && Files.isReadable(cmdvartab)) {
            try {
                return parse(Files.readString(cmdvartab, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // unreadable after all: fall back to ours
            }
        }
        return builtIn();
    }

    public static VarDescriptions builtIn() {
        try (InputStream in = VarDescriptions.class.getResourceAsStream("descriptions.txt")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VarDescriptions parse(String text) {
        Map<String, String> vars = new TreeMap<>();
        Map<String, String> commands = new TreeMap<>();
        for (NutTokenizer.Line line : NutTokenizer.lines(text, true)) {
            var w = line.words();
            if (w.size() < 3) {
                continue;
            }
            String key = w.get(1).toLowerCase(Locale.ROOT);
            switch (w.get(0)) {
                case "VARDESC" -> vars.put(key, w.get(2));
                case "CMDDESC" -> commands.put(key, w.get(2));
                default -> { }
            }
        }
        return new VarDescriptions(Map.copyOf(vars), Map.copyOf(commands));
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(vars.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> command(String name) {
        return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
    }
}
