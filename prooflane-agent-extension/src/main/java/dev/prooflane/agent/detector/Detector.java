package dev.prooflane.agent.detector;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the advice calls: at each observation point (an outbound call on the caller's thread, its
 * headers final) it checks whether the call is made while handling a keyed request and whether its
 * headers carry the key, and writes a drop record when they do not. Every entry point catches
 * everything: the detector never fails a call of the application.
 */
public final class Detector {

  private static final DetectorConfig CONFIG = loadConfig();
  private static final DropReporter REPORTER =
      CONFIG == null
          ? null
          : new DropReporter(CONFIG, new DropWriter(CONFIG, System.err), Clock.systemUTC());
  private static final ThreadLocal<int[]> URL_CONNECTION_DEPTH =
      ThreadLocal.withInitial(() -> new int[1]);

  private Detector() {}

  /** The configuration, or null when the detector is off. */
  public static DetectorConfig config() {
    return CONFIG;
  }

  /** The keyed request the current code handles, or null. */
  public static Inbound keyed() {
    if (CONFIG == null) {
      return null;
    }
    try {
      return Context.current().get(Inbound.CONTEXT_KEY);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The configured plain key header (lower case), or empty. */
  public static String keyHeader() {
    return CONFIG == null ? "" : CONFIG.header();
  }

  /** An HTTP call about to be sent with these (final) request headers. */
  public static void http(String method, String target, Map<String, List<String>> headers) {
    checkHeaders("http", method, target, headers);
  }

  /** A Kafka record about to be sent to this topic with these headers. */
  public static void kafka(String topic, Map<String, List<String>> headers) {
    checkHeaders("kafka", null, topic, headers);
  }

  /** A gRPC call about to start with metadata holding these values (each may be null). */
  public static void grpc(
      String fullMethod,
      String authority,
      Iterable<String> traceparent,
      Iterable<String> baggage,
      Iterable<String> tracestate,
      Iterable<String> key) {
    try {
      Inbound inbound = keyed();
      if (inbound == null) {
        return;
      }
      check(
          inbound,
          "grpc",
          fullMethod,
          authority,
          OutboundHeaders.of(CONFIG.header(), traceparent, baggage, tracestate, key));
    } catch (Throwable t) {
      // Never into the application.
    }
  }

  /**
   * Enters one of HttpURLConnection's sending methods; true for the outermost on this thread (the
   * one that checks; the others are nested calls of the same send).
   */
  public static boolean enterUrlConnection() {
    try {
      return URL_CONNECTION_DEPTH.get()[0]++ == 0;
    } catch (Throwable t) {
      return false;
    }
  }

  /** Leaves a sending method entered with {@link #enterUrlConnection()}. */
  public static void exitUrlConnection() {
    try {
      int[] depth = URL_CONNECTION_DEPTH.get();
      if (depth[0] > 0) {
        depth[0]--;
      }
    } catch (Throwable t) {
      // Never into the application.
    }
  }

  private static void checkHeaders(
      String protocol, String method, String target, Map<String, List<String>> headers) {
    try {
      Inbound inbound = keyed();
      if (inbound != null && headers != null) {
        check(inbound, protocol, method, target, OutboundHeaders.of(headers));
      }
    } catch (Throwable t) {
      // Never into the application.
    }
  }

  private static void check(
      Inbound inbound,
      String protocol,
      String method,
      String target,
      UnaryOperator<String> headers) {
    if (KeyCarriers.carriesKey(CONFIG, headers, inbound.key())) {
      return;
    }
    REPORTER.check(
        inbound, protocol, method, target, headers, ApplicationFrames.current(), currentTraceId());
  }

  private static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  private static DetectorConfig loadConfig() {
    try {
      return DetectorConfig.from(System.getProperties());
    } catch (RuntimeException e) {
      System.err.println(
          "prooflane drop detector: off ("
              + e.getMessage()
              + "; fix the -D setting in the service's JAVA_TOOL_OPTIONS)");
      return null;
    }
  }
}
