package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README as a newcomer copies from it: every {@code gridwatch} command in its shell blocks parses with the
 * current command line (no unknown option, subcommand or missing parameter), and the configuration example passes
 * {@code check-config} as copied. Also the docs: every relative link points at a file that exists.
 */
class ReadmeTest {
    static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    record Block(String lang, String text) {
    }

    static List<Block> blocks(String md) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(md);
        while (m.find()) {
            out.add(new Block(m.group(1), m.group(2)));
        }
        return out;
    }

    /** Shell words of one command line, up to a comment, pipe, redirection or &&; quotes removed. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (c == '#' || c == '|' || c == '>' || c == '&' || c == ';') {
                break;
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0 || any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0 || any) {
            out.add(w.toString());
        }
        return out;
    }

    static List<List<String>> commands(String md) {
        List<List<String>> out = new ArrayList<>();
        for (Block b : blocks(md)) {
            if (!b.lang().equals("sh") && !b.lang().isEmpty() || b.text().startsWith("gridwatch server [")) {
                continue;
            }
            for (String line : b.text().replace("\\\n", " ").split("\n")) {
                List<String> w = words(line.strip());
                if (w.size() > 3 && (w.get(0).equals("sudo") || w.get(0).equals("$") && w.get(1).equals("sudo"))) {
                    int u = w.indexOf("-u"); // sudo -u USER: USER is not the command
                    if (u > 0 && u + 2 < w.size()) {
                        w = new ArrayList<>(w.subList(u + 2, w.size()));
                        w.add(0, "sudo");
                    }
                }
                int at = w.indexOf("gridwatch") >= 0 ? w.indexOf("gridwatch") : w.indexOf("./gridwatch");
                if (at >= 0 && (at == 0 || w.get(0).equals("sudo") || w.get(0).equals("$"))) {
                    out.add(w.subList(at + 1, w.size()));
                }
            }
        }
        return out;
    }

    @Test
    void everyGridwatchCommandInTheReadmeAndDocsParses() throws Exception {
        List<List<String>> cmds = new ArrayList<>(commands(Files.readString(Path.of("README.md"))));
        assertThat(cmds).as("the README shows commands").hasSizeGreaterThan(5);
        try (var docs = Files.list(Path.of("docs"))) {
            for (Path p : (Iterable<Path>) docs.filter(x -> x.toString().endsWith(".md"))::iterator) {
                cmds.addAll(commands(Files.readString(p)));
            }
        }
        List<String> bad = new ArrayList<>();
        for (List<String> args : cmds) {
            if (args.contains("|") || args.stream().anyMatch(a -> a.contains("power-manager|powmonman"))) {
                continue; // the synopsis line of the import family
            }
            try {
                Cli.command().parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                bad.add(String.join(" ", args) + " -> " + e.getMessage());
            }
        }
        assertThat(bad).as("README commands the CLI does not take").isEmpty();
    }

    /**
     * The synopsis ({@code text} block of "Command line"): each line's commands exist, and every option it names is
     * one of that command's (alternatives such as {@code power-manager|nut} each checked).
     */
    @Test
    void theSynopsisNamesOnlyCommandsAndOptionsThatExist() throws Exception {
        String md = Files.readString(Path.of("README.md"));
        Block synopsis = blocks(md).stream().filter(b -> b.lang().equals("text") && b.text().startsWith("gridwatch server"))
                .findFirst().orElseThrow();
        List<String> bad = new ArrayList<>();
        int lines = 0;
        for (String line : synopsis.text().split("\n")) {
            for (String part : line.split("\\|  ")) {
                String usage = part.strip().split(" {2,}")[0];
                if (!usage.startsWith("gridwatch ")) {
                    continue;
                }
                lines++;
                String[] w = usage.split(" ");
                List<List<String>> paths = new ArrayList<>(List.of(List.of()));
                int i = 1;
                CommandLine c = Cli.command();
                List<CommandLine> at = List.of(c);
                while (i < w.length && !w[i].startsWith("[") && !w[i].startsWith("-") && !w[i].startsWith("<")) {
                    List<CommandLine> next = new ArrayList<>();
                    for (CommandLine cl : at) {
                        for (String alt : w[i].split("\\|")) {
                            if (cl.getSubcommands().containsKey(alt)) {
                                next.add(cl.getSubcommands().get(alt));
                            }
                        }
                    }
                    if (next.isEmpty()) {
                        break; // a parameter (SOURCE, FILE, off|on)
                    }
                    at = next;
                    i++;
                }
                Matcher opt = Pattern.compile("(?<![\\w-])(--?[A-Za-z][\\w-]*)").matcher(usage.substring(
                        usage.indexOf(' ')));
                while (opt.find()) {
                    String o = opt.group(1);
                    for (CommandLine cl : at) {
                        if (!cl.getCommandSpec().optionsMap().containsKey(o)) {
                            bad.add(cl.getCommandSpec().qualifiedName(" ") + " has no option " + o);
                        }
                    }
                }
            }
        }
        assertThat(lines).isGreaterThan(12);
        assertThat(bad).as("options the synopsis names that the CLI does not have").isEmpty();
    }

    @Test
    void theConfigurationExamplePassesCheckConfigAsCopied(@TempDir Path dir) throws Exception {
        String md = Files.readString(Path.of("README.md"));
        String section = md.substring(md.indexOf("## Your own configuration"));
        Block yaml = blocks(section).stream().filter(b -> b.lang().equals("yaml")).findFirst().orElseThrow();
        Path f = Files.writeString(dir.resolve("gridwatch.yaml"), yaml.text());
        CliRunner.Run r = CliRunner.run("check-config", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(": OK (1 UPS, 2 NUT users");
    }

    @Test
    void relativeLinksInTheReadmeAndDocsPointAtFiles() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (var docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)|src=\"([^\"]+)\"");
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(3);
                if (target.startsWith("http") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.toAbsolutePath().getParent().resolve(target))) {
                    broken.add(page + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}
