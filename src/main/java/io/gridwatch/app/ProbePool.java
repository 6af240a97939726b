package io.gridwatch.app;

import io.gridwatch.probe.IcmpProbe;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads sensor and host probes run on, and the factory that makes probes from configuration.
 * Platform threads: an ICMP echo blocks in native code, which would pin a virtual thread's carrier and make the
 * other probes (and the drivers) wait behind it on a small machine. At most one probe per sensor or host is ever
 * in flight, so the pool stays as small as the site.
 */
final class ProbePool implements AutoCloseable {
    private final ExecutorService threads =
            Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("probe-", 0).factory());
    private final Probes factory = new Probes(IcmpProbe.detect());

    ExecutorService threads() {
        return threads;
    }

    Probes factory() {
        return factory;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
