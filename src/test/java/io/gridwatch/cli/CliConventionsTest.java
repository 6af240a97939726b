package io.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The whole command tree, walked: every command answers {@code -h} and {@code --help} with its usage on stdout and
 * exit 0 (NUT's tools do so for {@code -h}), and says what it, each option and each parameter is for.
 */
class CliConventionsTest {
    static List<CommandLine> all(CommandLine c) {
        List<CommandLine> out = new ArrayList<>();
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> out.addAll(all(s)));
        return out;
    }

    static String path(CommandLine c) {
        return c.getCommandSpec().qualifiedName(" ");
    }

    @Test
    void everyCommandAnswersHelpOnStdoutWithExitZero() {
        List<CommandLine> commands = all(Cli.command());
        assertThat(commands).hasSizeGreaterThan(18);
        for (CommandLine c : commands) {
            String[] words = path(c).split(" ");
            for (String flag : List.of("-h", "--help")) {
                String[] args = new String[words.length];
                System.arraycopy(words, 1, args, 0, words.length - 1);
                args[words.length - 1] = flag;
                CliRunner.Run r = CliRunner.run(args);
                assertThat(r.code()).as(path(c) + " " + flag + ": " + r.err()).isZero();
                assertThat(r.out()).as(path(c) + " " + flag).contains("Usage: " + path(c) + " ");
                assertThat(r.err()).as(path(c) + " " + flag).isEmpty();
            }
        }
    }

    @Test
    void everyCommandOptionAndParameterIsDescribed() {
        List<String> missing = new ArrayList<>();
        for (CommandLine c : all(Cli.command())) {
            if (c.getCommandSpec().usageMessage().description().length == 0) {
                missing.add(path(c) + " (the command)");
            }
            for (ArgSpec a : c.getCommandSpec().args()) {
                if (a.hidden() || String.join("", a.description()).isBlank()) {
                    if (!a.hidden()) {
                        missing.add(path(c) + " " + (a instanceof OptionSpec o ? o.longestName()
                                : ((PositionalParamSpec) a).paramLabel()));
                    }
                }
            }
        }
        assertThat(missing).as("commands, options and parameters without a description").isEmpty();
    }
}
