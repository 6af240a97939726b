package io.gridwatch.recovery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wake-up of one UPS's hosts after power came back, as persisted until every host has answered or given up:
 * when power came back, when waking starts, which group is being woken and from when, and each host's progress.
 * A host's group, MAC and address come from the configuration in force, so a settings change applies to a wake-up
 * already running. Immutable; each step makes a new one.
 *
 * @param activeGroup    the group being woken (null before the first)
 * @param groupStartsAt  when that group may start: the wake time for the first, else when the previous group was
 *                       done plus its {@code group_wait}
 */
public record WakePlan(Instant powerBack, Instant wakeAt, Integer activeGroup, Instant groupStartsAt,
                       Map<String, Progress> hosts) {

    public WakePlan {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    /** Where one host stands. */
    public enum Step {
        /** Nothing sent yet. */
        WAITING,
        /** At least one magic packet sent; waiting for the host to answer. */
        SENT,
        /** It answers its probe (woken, or it was up already). */
        AWAKE,
        /** It did not answer after the last packet. */
        FAILED;

        public boolean finished() {
            return this == AWAKE || this == FAILED;
        }
    }

    /**
     * One host's progress: its step, the packets sent so far, when it is next probed (null: as soon as its group
     * starts), and when its step last changed.
     */
    public record Progress(Step step, int packets, Instant nextCheck, Instant changedAt) {
    }

    public WakePlan with(String host, Progress p) {
        Map<String, Progress> m = new LinkedHashMap<>(hosts);
        m.put(host, p);
        return new WakePlan(powerBack, wakeAt, activeGroup, groupStartsAt, m);
    }

    public WakePlan without(String host) {
        Map<String, Progress> m = new LinkedHashMap<>(hosts);
        m.remove(host);
        return new WakePlan(powerBack, wakeAt, activeGroup, groupStartsAt, m);
    }

    public WakePlan group(Integer group, Instant startsAt) {
        return new WakePlan(powerBack, wakeAt, group, startsAt, hosts);
    }

    public boolean finished() {
        return hosts.values().stream().allMatch(p -> p.step().finished());
    }
}
