package dev.prooflane.agent.detector;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Whether an outbound call's headers carry the routing key, and which carriers it sends. */
public final class KeyCarriers {

  private KeyCarriers() {}

  /** Whether any configured carrier in these headers holds this key's value. */
  public static boolean carriesKey(
      DetectorConfig config, UnaryOperator<String> headers, String key) {
    if (!config.baggage().isEmpty()
        && key.equals(member(headers.apply("baggage"), config.baggage(), true))) {
      return true;
    }
    if (!config.tracestate().isEmpty()
        && key.equals(member(headers.apply("tracestate"), config.tracestate(), false))) {
      return true;
    }
    if (!config.header().isEmpty()) {
      String value = headers.apply(config.header());
      if (value != null) {
        for (String part : value.split(",", -1)) {
          if (key.equals(part.trim())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Which of {@code traceparent}, {@code baggage}, {@code tracestate} and {@code header} (the
   * configured key header) these headers carry anything in.
   */
  public static List<String> carried(DetectorConfig config, UnaryOperator<String> headers) {
    List<String> carried = new ArrayList<>(4);
    for (String name : new String[] {"traceparent", "baggage", "tracestate"}) {
      String value = headers.apply(name);
      if (value != null && !value.trim().isEmpty()) {
        carried.add(name);
      }
    }
    if (!config.header().isEmpty()) {
      String value = headers.apply(config.header());
      if (value != null && !value.trim().isEmpty()) {
        carried.add("header");
      }
    }
    return carried;
  }

  /**
   * The value of one member of a W3C list header ({@code baggage}: {@code name=value;props},
   * percent-encoded; {@code tracestate}: {@code key=value}), or null.
   */
  static String member(String header, String name, boolean percentEncoded) {
    if (header == null) {
      return null;
    }
    for (String member : header.split(",", -1)) {
      int semicolon = member.indexOf(';');
      String pair = semicolon < 0 ? member : member.substring(0, semicolon);
      int equals = pair.indexOf('=');
      if (equals < 0 || !pair.substring(0, equals).trim().equals(name)) {
        continue;
      }
      String value = pair.substring(equals + 1).trim();
      if (!percentEncoded) {
        return value;
      }
      try {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException badEncoding) {
        return value;
      }
    }
    return null;
  }
}
