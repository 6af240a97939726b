package io.gridwatch.notify;

/**
 * How urgent a notification is: it picks ntfy's priority, syslog's severity, the colour of a chat message and
 * the word in an email subject.
 */
public enum Severity {
    INFO, WARNING, CRITICAL
}
