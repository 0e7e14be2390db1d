package dev.prooflane.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the warnings Netty logs (through java.util.logging, its logger on this class path) when
 * an error reaches the end of a channel pipeline unhandled: a router that leaves them unhandled
 * writes one per hostile connection.
 */
final class UnhandledErrors extends Handler {
  private static final String PIPELINE = "io.netty.channel.DefaultChannelPipeline";

  private final Logger logger = Logger.getLogger(PIPELINE);
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  void start() {
    logger.addHandler(this);
  }

  void stop() {
    logger.removeHandler(this);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      Throwable thrown = record.getThrown();
      warnings.add(record.getMessage() + (thrown == null ? "" : ": " + thrown));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
