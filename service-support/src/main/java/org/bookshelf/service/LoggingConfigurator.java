package org.bookshelf.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Configures logback from {@code LOG_FORMAT} and {@code LOG_LEVEL} in code, found through
 * {@code META-INF/services}: no XML to parse at startup, and one definition for every service.
 * A bad value falls back to the default here; the service's own config check then fails
 * startup with a message naming the variable.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    apply(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  static void apply(LoggerContext context, Map<String, String> env) {
    LogFormat format;
    LogLevel level;
    try {
      CommonSettings settings = CommonSettings.from(new EnvConfig(env));
      format = settings.logFormat();
      level = settings.logLevel();
    } catch (ConfigException e) {
      format = LogFormat.TEXT;
      level = LogLevel.INFO;
    }
    // Not logback's ConsoleAppender: it flushes stdout after every line (see BufferedStdout).
    OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(LogEncoders.create(context, format));
    console.setImmediateFlush(false);
    console.setOutputStream(new BufferedStdout());
    console.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.setLevel(Level.toLevel(level.name()));
    root.addAppender(console);
    // Jetty's and Hikari's INFO chatter at startup says nothing an operator needs.
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
  }
}
