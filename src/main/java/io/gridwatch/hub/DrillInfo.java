package io.gridwatch.hub;

import java.time.Instant;

/**
 * A drill (simulated outage) in progress on a UPS: since when, who or what started it (a user, a schedule),
 * and when it ends by itself (null: when stopped). Immutable.
 */
public record DrillInfo(Instant since, String by, Instant until) {
}
