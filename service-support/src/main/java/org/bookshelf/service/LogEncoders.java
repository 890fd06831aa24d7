package org.bookshelf.service;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;

/** The two log line shapes: readable text, or one JSON object per line with the MDC included. */
public final class LogEncoders {

  /** Text pattern; request and trace ids come from the MDC and are "-" outside a request. */
  public static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} rid=%X{"
          + RequestIds.MDC_KEY
          + ":--} trace=%X{"
          + TraceIds.MDC_KEY
          + ":--} %msg%n";

  private LogEncoders() {}

  public static Encoder<ILoggingEvent> create(LoggerContext context, LogFormat format) {
    Encoder<ILoggingEvent> encoder;
    if (format == LogFormat.JSON) {
      LogstashEncoder json = new LogstashEncoder();
      json.setIncludeMdc(true);
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(TEXT_PATTERN);
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
