package io.gridwatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging set up in code instead of logback.xml: logs go to stderr (the journal under systemd; stdout is kept for
 * command output), INFO and up, as text or, with {@code GRIDWATCH_LOG_FORMAT=json}, one JSON object per line; the web server's, the connection pool's and the migrations' start-up chatter at
 * WARN. In code because reading an XML file
 * loads a few hundred classes of Logback's configuration machinery into every agent. A file named by
 * {@code -Dlogback.configurationFile} still wins. Found by Logback through META-INF/services.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** {@code GRIDWATCH_LOG_FORMAT=json} (or -Dgridwatch.log.format=json): one JSON object per line, for log shippers. */
    static boolean json() {
        String f = System.getProperty("gridwatch.log.format", System.getenv("GRIDWATCH_LOG_FORMAT"));
        return "json".equalsIgnoreCase(f);
    }

    private static ch.qos.logback.core.encoder.Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        return encoder;
    }

    private static ch.qos.logback.core.encoder.Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        ch.qos.logback.classic.encoder.JsonEncoder encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(json() ? jsonEncoder(context) : textEncoder(context));
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        // the connection pool's and the migrations' start-up chatter; Gridwatch says where history is itself
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
