package dev.prooflane.agent.detector;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The headers an outbound call sends, read by lower-case name: all values joined by commas. */
public final class OutboundHeaders {

  private OutboundHeaders() {}

  /** Headers from a map whose names may be in any case (HttpClient, HttpURLConnection). */
  public static UnaryOperator<String> of(Map<String, List<String>> headers) {
    return name -> {
      StringBuilder joined = null;
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey() == null || !entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
          continue;
        }
        for (String value : entry.getValue()) {
          if (value == null) {
            continue;
          }
          joined = joined == null ? new StringBuilder(value) : joined.append(',').append(value);
        }
      }
      return joined == null ? null : joined.toString();
    };
  }

  /** Headers given as the values of the four names the detector reads (gRPC metadata). */
  public static UnaryOperator<String> of(
      String keyHeader,
      Iterable<String> traceparent,
      Iterable<String> baggage,
      Iterable<String> tracestate,
      Iterable<String> key) {
    String traceparentValue = join(traceparent);
    String baggageValue = join(baggage);
    String tracestateValue = join(tracestate);
    String keyValue = join(key);
    return name -> {
      switch (name) {
        case "traceparent":
          return traceparentValue;
        case "baggage":
          return baggageValue;
        case "tracestate":
          return tracestateValue;
        default:
          return name.equals(keyHeader) ? keyValue : null;
      }
    };
  }

  private static String join(Iterable<String> values) {
    if (values == null) {
      return null;
    }
    StringBuilder joined = null;
    for (String value : values) {
      joined = joined == null ? new StringBuilder(value) : joined.append(',').append(value);
    }
    return joined == null ? null : joined.toString();
  }
}
