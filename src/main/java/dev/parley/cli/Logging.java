package dev.parley.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.parley.config.ParleyConfig.LoggingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log level; logback.xml holds the format. */
final class Logging {
    private Logging() {
    }

    static void configure(LoggingConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.valueOf(config.level()));
            if (!config.requests()) {
                context.getLogger("dev.parley.http.requests").setLevel(Level.WARN);
            }
        }
    }

    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
