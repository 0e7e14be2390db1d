package dev.prooflane.mcp.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The levels of MCP log messages (RFC 5424), least severe first. */
enum LogLevel {
  DEBUG,
  INFO,
  NOTICE,
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERGENCY;

  /** Its name in the protocol, such as {@code warning}. */
  String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level named {@code text}, if it is one. */
  static Optional<LogLevel> of(String text) {
    return Arrays.stream(values()).filter(l -> l.text().equals(text)).findFirst();
  }

  /** Every level's name, least severe first. */
  static List<String> names() {
    return Arrays.stream(values()).map(LogLevel::text).toList();
  }

  /** The least severe level a session's client wants to hear, if it asked for log messages. */
  @FunctionalInterface
  interface Threshold {
    /** Whether a message of {@code level} is sent. */
    boolean admits(LogLevel level);
  }
}
