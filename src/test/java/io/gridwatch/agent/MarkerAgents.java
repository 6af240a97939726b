package io.gridwatch.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Agents for the tests that run whole shutdowns: a primary or a secondary on the UPS {@code ups} of a NUT server on
 * loopback, polling every 200 ms, whose shutdown command (and, for the primary, its one hook) is a script that
 * appends "{@code <who> <time in ns>}" to a marker file. Nothing is powered off.
 */
final class MarkerAgents {
    private MarkerAgents() {
    }

    /** {@code name} "primary" logs in as monprimary (primarypass), any other name as monsecondary (secondarypass). */
    static AgentConfig config(Path dir, String name, int port, Path marker) throws Exception {
        Path script = dir.resolve(name + "-shutdown.sh");
        Files.writeString(script, "#!/bin/sh\n# test stand-in for a shutdown: records that it ran, nothing else\n"
                + "echo \"$1 $(date +%s%N)\" >> '" + marker + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        boolean primary = name.equals("primary");
        String yaml = """
                host: %s
                monitor:
                  ups:
                    ups: ups@127.0.0.1:%d
                    user: %s
                    password: %s
                    role: %s
                poll: 200ms
                poll_on_battery: 200ms
                hostsync: 20s
                final_delay: 1s
                shutdown_command: ["%s", "%s"]
                """.formatted(name, port, primary ? "monprimary" : "monsecondary",
                primary ? "primarypass" : "secondarypass", primary ? "primary" : "secondary", script, name);
        if (primary) {
            yaml += "hooks:\n  stop-vms: { command: [\"" + script + "\", \"primary-hook\"], timeout: 10s }\n";
        }
        return AgentConfigLoader.parse(yaml, dir.resolve(name + ".yaml"), dir);
    }
}
