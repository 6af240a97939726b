package io.gridwatch.clients;

import io.gridwatch.hub.ClientState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Machines that report through the seed's {@code POST /status} from an address that is in no host of the
 * configuration: kept apart from the configured machines (so they can neither fill the server nor stand in for a
 * configured host), at most {@link #CAPACITY} of them, the one heard from least recently dropped first, and shown
 * to admins to add to the configuration. Thread-safe.
 */
public final class UnknownReporters {
    public static final int CAPACITY = 64;

    /** One such machine: what it said last, and how often it has reported. */
    public record Reporter(String address, ClientState.State state, Integer remainingSeconds, Integer shutdownDelay,
                           Instant firstSeen, Instant lastSeen, long reports, String from) {
    }

    private final Map<String, Reporter> reporters = new LinkedHashMap<>(16, 0.75f, true);

    /** Records a report; true when this address was not in the list (a newcomer). */
    public synchronized boolean report(String address, ClientState.State state, Integer remaining, Integer delay,
                                       Instant at, String from) {
        Reporter old = reporters.get(address);
        reporters.put(address, new Reporter(address, state, remaining, delay, old == null ? at : old.firstSeen(), at,
                old == null ? 1 : old.reports() + 1, from));
        while (reporters.size() > CAPACITY) {
            String eldest = reporters.keySet().iterator().next();
            reporters.remove(eldest);
        }
        return old == null;
    }

    /** Forgets one (it was added to the configuration). */
    public synchronized void forget(String address) {
        reporters.remove(address);
    }

    /** Every machine held, most recently heard first. */
    public synchronized List<Reporter> all() {
        List<Reporter> out = new ArrayList<>(reporters.values());
        out.sort(Comparator.comparing(Reporter::lastSeen).reversed());
        return out;
    }
}
