package io.gridwatch.app;

import io.gridwatch.agentless.SshTarget;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.HostConfig;
import java.util.ArrayList;
import java.util.List;

/** The configuration's agentless hosts ({@code shutdown.ssh}) as the agentless service and the CLI take them. */
public final class SshTargets {
    private SshTargets() {
    }

    public static List<SshTarget> of(GridwatchConfig config) {
        List<SshTarget> out = new ArrayList<>();
        for (HostConfig h : config.site().hosts()) {
            HostConfig.Ssh s = h.ssh();
            if (s != null) {
                out.add(new SshTarget(h.name(), h.ups(), h.address(), s.port(), s.user(), s.key(), s.password(),
                        s.command(), s.hostKeys(), s.knownHosts(), h.shutdownDelay(), h.ignoreDrills(),
                        s.connectTimeout(), s.commandTimeout(), s.retryFor()));
            }
        }
        return out;
    }
}
