package io.gridwatch.agent;

/**
 * This machine's state as the hub shows it: {@code online}, {@code shutdown_pending} with the seconds left, or
 * {@code shutting_down}; {@code delaySeconds} is the delay in force (null when only NUT's rules apply); {@code note}
 * what it adds in words (its last step: what it asked its UPS), or null.
 */
public record AgentReport(String status, Integer remainingSeconds, Integer delaySeconds, String note) {
    public AgentReport(String status, Integer remainingSeconds, Integer delaySeconds) {
        this(status, remainingSeconds, delaySeconds, null);
    }

    public static final String ONLINE = "online";
    public static final String PENDING = "shutdown_pending";
    public static final String SHUTTING_DOWN = "shutting_down";
}
