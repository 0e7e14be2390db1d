package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What the detector was started with: the system properties the runtime sets (see
 * docs/propagation-detector.md).
 *
 * @param dropsFile the JSON Lines file drop records are appended to
 * @param service the service name written into each record
 * @param destination {@code baseline} or the sandbox's name
 * @param baggage the baggage member that carries the key, or empty
 * @param tracestate the tracestate member that carries the key, or empty
 * @param header the plain header (lower case) that carries the key, or empty
 * @param propagation {@code detect} or {@code opentelemetry-agent} (informative: {@code
 *     OTEL_PROPAGATORS} makes the mode)
 * @param maxBytes the size past which the writer keeps the file as {@code .1} and starts a new one
 * @param perCallSite how many records one call site writes for one trace
 */
public record DetectorConfig(
    Path dropsFile,
    String service,
    String destination,
    String baggage,
    String tracestate,
    String header,
    String propagation,
    long maxBytes,
    int perCallSite) {

  /** Default size limit of the drops file: 1 MiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 20;

  public DetectorConfig {
    requireNonNull(dropsFile, "dropsFile");
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(baggage, "baggage");
    requireNonNull(tracestate, "tracestate");
    requireNonNull(header, "header");
    requireNonNull(propagation, "propagation");
    header = header.toLowerCase(Locale.ROOT);
    if (maxBytes < 1024) {
      throw new IllegalArgumentException(
          "prooflane.drops.maxBytes: " + maxBytes + " (expected: bytes, at least 1024)");
    }
    if (perCallSite < 1) {
      throw new IllegalArgumentException(
          "prooflane.drops.perCallSite: " + perCallSite + " (expected: a count, at least 1)");
    }
  }

  /**
   * The configuration in these properties, or null when {@code prooflane.drops.file} is not set
   * (the detector is then off).
   */
  public static DetectorConfig from(Properties properties) {
    String file = properties.getProperty("prooflane.drops.file", "").trim();
    if (file.isEmpty()) {
      return null;
    }
    return new DetectorConfig(
        Path.of(file),
        properties.getProperty("prooflane.service", ""),
        properties.getProperty("prooflane.destination", ""),
        properties.getProperty("prooflane.key.baggage", "").trim(),
        properties.getProperty("prooflane.key.tracestate", "").trim(),
        properties.getProperty("prooflane.key.header", "").trim(),
        properties.getProperty("prooflane.propagation", "detect").trim(),
        number(properties, "prooflane.drops.maxBytes", DEFAULT_MAX_BYTES, "bytes, at least 1024"),
        (int)
            Math.min(
                Integer.MAX_VALUE,
                number(properties, "prooflane.drops.perCallSite", 1, "a count, at least 1")));
  }

  private static long number(Properties properties, String name, long fallback, String expected) {
    String text = properties.getProperty(name, "").trim();
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": '" + text + "' (expected: " + expected + ", as a plain number)", e);
    }
  }
}
