package io.gridwatch.recovery;

import io.gridwatch.probe.Probe;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A machine Gridwatch may wake: its MAC address, where to send the packet, how to tell it is up, and its place
 * in the wake-up order ({@code group}: lower first, e.g. storage before hypervisors; {@code groupWait}: pause
 * after its group before the next). {@code auto}: woken when power comes back (manual wake works either way).
 * Immutable.
 */
public record WakeHost(String name, String ups, String mac, InetSocketAddress target, Probe probe, boolean auto,
                       int group, Duration groupWait) {
}
