package io.gridwatch.notify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Gridwatch's own ERROR log lines into "application error" notifications (the router's rate limit keeps
 * them to one an hour by default). Lines logged by the notification machinery itself are left out, so a broken
 * mail server cannot feed on its own failures. Attached to the root logger while the notifier runs.
 */
final class ErrorAppender extends AppenderBase<ILoggingEvent> {
    private final Consumer<Notification> sink;

    ErrorAppender(Consumer<Notification> sink) {
        this.sink = sink;
        setName("gridwatch-notify-errors");
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (!e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getLoggerName().startsWith("io.gridwatch.notify")
                || e.getLoggerName().startsWith("com.hivemq") || e.getLoggerName().startsWith("jakarta.mail")) {
            return;
        }
        String logger = e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1);
        IThrowableProxy t = e.getThrowableProxy();
        String message = e.getFormattedMessage() + (t == null ? "" : " (" + t.getClassName() + ": " + t.getMessage() + ")");
        sink.accept(Notification.of(NotifyType.APP_ERROR, null, "Gridwatch error in " + logger,
                "Gridwatch logged an error in " + logger + " [" + e.getThreadName() + "]: " + message
                        + "\n\nSee the server's log (journalctl -u gridwatch) for the details.",
                Map.of("logger", e.getLoggerName()), Instant.ofEpochMilli(e.getTimeStamp())));
    }
}
