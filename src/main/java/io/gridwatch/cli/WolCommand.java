package io.gridwatch.cli;

import io.gridwatch.config.ConfigException;
import io.gridwatch.config.ConfigLoader;
import io.gridwatch.config.GridwatchConfig;
import io.gridwatch.config.HostConfig;
import io.gridwatch.recovery.MagicPacket;
import io.gridwatch.recovery.WakeSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwatch wol <mac|host>}: sends one Wake-on-LAN magic packet now, to a MAC address, or to a host of the
 * configuration (its MAC and broadcast address).
 */
@Command(name = "wol", description = "Wake a machine: send a Wake-on-LAN magic packet.")
final class WolCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "<mac|host>", description = "A MAC address, or a host name from --config.")
    String target;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Configuration with the hosts.")
    Path config;

    @Option(names = "--broadcast", paramLabel = "ADDRESS", description = "Where to send (default 255.255.255.255, "
            + "or the host's broadcast address).")
    String broadcast;

    @Option(names = "--port", defaultValue = "9", description = "UDP port (default ${DEFAULT-VALUE}, or the "
            + "configuration's recovery.port for a configured host).")
    int port;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        String mac = target;
        String to = broadcast;
        int udp = port;
        if (!MagicPacket.isMac(target)) {
            if (config == null) {
                err.println("Error: '" + target + "' is not a MAC address; to wake a configured host, give --config");
                return 2;
            }
            try {
                GridwatchConfig c = ConfigLoader.load(config);
                Optional<HostConfig> h = c.site().hosts().stream().filter(x -> x.name().equals(target)).findFirst();
                if (h.isEmpty() || h.get().mac() == null) {
                    err.println("Error: no host '" + target + "' with a mac in " + config);
                    return 2;
                }
                mac = h.get().mac();
                to = to != null ? to : h.get().broadcast();
                udp = spec.commandLine().getParseResult().hasMatchedOption("--port") ? port : c.site().wakePort();
            } catch (ConfigException e) {
                Banner.problems(err, config, e);
                return 2;
            }
        }
        InetSocketAddress dest = new InetSocketAddress(to == null ? "255.255.255.255" : to, udp);
        try {
            WakeSender.udp().send(mac, dest);
        } catch (IOException e) {
            err.println("Error: cannot send to " + dest + ": " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("Magic packet for " + mac + " sent to " + dest.getHostString() + ":" + udp);
        return 0;
    }
}
