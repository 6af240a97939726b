package io.gridwatch.app;

import io.gridwatch.config.HostConfig;
import io.gridwatch.config.SensorSpec;
import io.gridwatch.driver.mains.MainsSettings;
import io.gridwatch.probe.CommandProbe;
import io.gridwatch.probe.GpioProbe;
import io.gridwatch.probe.GpiodProbe;
import io.gridwatch.probe.HttpProbe;
import io.gridwatch.probe.IcmpProbe;
import io.gridwatch.probe.Probe;
import io.gridwatch.probe.TcpProbe;
import java.net.URI;

/**
 * Turns configured sensors and host checks into probes. ICMP uses the method this process can: the JVM's own
 * echo with root or CAP_NET_RAW, else the system {@code ping}. Stateless apart from that choice.
 */
final class Probes {
    private final IcmpProbe.Method icmp;

    Probes(IcmpProbe.Method icmp) {
        this.icmp = icmp;
    }

    MainsSettings.Sensor sensor(SensorSpec s) {
        return new MainsSettings.Sensor(s.name(), probe(s), s.interval(), s.timeout());
    }

    private Probe probe(SensorSpec s) {
        return switch (s) {
            case SensorSpec.Icmp i -> new IcmpProbe(i.address(), icmp);
            case SensorSpec.Tcp t -> new TcpProbe(t.address(), t.port());
            case SensorSpec.Http h -> new HttpProbe(h.url(), h.expect());
            case SensorSpec.Command c -> new CommandProbe(c.command(), c.presentWhen());
            case SensorSpec.Gpio g -> new GpioProbe(g.valueFile(), g.activeLow());
            case SensorSpec.GpioChip g -> new GpiodProbe(g.gpioget(), g.chip(), g.line(), g.activeLow());
        };
    }

    /** A host's up-check: {@code icmp}, {@code tcp:<port>} or a URL. */
    Probe host(HostConfig h) {
        if (h.probe().startsWith("tcp:")) {
            return new TcpProbe(h.address(), Integer.parseInt(h.probe().substring(4)));
        }
        if (h.probe().startsWith("http")) {
            return new HttpProbe(URI.create(h.probe()), 200);
        }
        return new IcmpProbe(h.address(), icmp);
    }
}
