package io.gridwatch.cli;

import io.gridwatch.agentless.SshOutcome;
import io.gridwatch.agentless.SshShell;
import io.gridwatch.agentless.SshTarget;
import io.gridwatch.app.SshTargets;
import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch ssh-check HOST}: the dry run of an agentless host's shutdown, from this machine as the server
 * would do it: connect, check the host key, log in, log out. Nothing runs on the host. Exit 0 when the login works,
 * 1 when it does not, 2 for a configuration problem.
 */
@Command(name = "ssh-check", description = {"Prove that the server can log in to an agentless host (shutdown.ssh): "
        + "connect, check its host key, log in, then log out without running anything.",
        "Run it as the server's user: its known_hosts and key permissions are the ones that count."})
final class SshCheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "/etc/gridwatch/gridwatch.yaml",
            description = "The server's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Parameters(paramLabel = "HOST", description = "The host, as named under hosts: in the configuration.")
    String host;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GridwatchConfig c;
        try {
            c = ConfigLoader.load(config);
        } catch (ConfigException e) {
            Banner.problems(err, config, e);
            return 2;
        }
        List<SshTarget> targets = SshTargets.of(c);
        Optional<SshTarget> t = targets.stream().filter(x -> x.host().equals(host)).findFirst();
        if (t.isEmpty()) {
            boolean exists = c.site().hosts().stream().anyMatch(h -> h.name().equals(host));
            err.println(config + ": " + (exists ? "host '" + host + "' has no shutdown.ssh (its agent shuts it down)"
                    : "no host '" + host + "'") + (targets.isEmpty() ? "; no host has shutdown.ssh"
                    : "; hosts with shutdown.ssh: " + String.join(", ", targets.stream().map(SshTarget::host).toList())));
            return 2;
        }
        SshTarget x = t.get();
        out.printf("host %s: %s, key %s%s%n", x.host(), x.login(), x.key() == null ? "none" : x.key(),
                x.password() != null ? ", password authentication on" : "");
        out.printf("  host key checked against: %s%n", x.hostKeys().isEmpty() ? x.knownHosts()
                : "the pinned key" + (x.hostKeys().size() == 1 ? "" : "s") + " in " + config);
        SshOutcome o = SshShell.check(x);
        if (o.hostKey() != null) {
            out.printf("  host key presented: %s%n", o.hostKey());
        }
        boolean ok = o.kind() == SshOutcome.Kind.LOGGED_IN;
        (ok ? out : err).printf("  %s: %s%n", ok ? "OK" : "FAILED", o.detail());
        out.printf("  command when its countdown runs out: %s (not run by this check)%n", x.command());
        out.flush();
        err.flush();
        return ok ? 0 : 1;
    }
}
