package io.gridwatch.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Catches what the server logs while a test runs (every logger, at INFO and above): the lines as they would be
 * formatted, to check what was logged and how much. Close to detach.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root;

    public LogCapture() {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        setContext(lc);
        setName("test-capture");
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
        lines.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many characters were logged. */
    public long characters() {
        return lines.stream().mapToLong(String::length).sum();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
