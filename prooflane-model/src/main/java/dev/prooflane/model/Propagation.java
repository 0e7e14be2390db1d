package dev.prooflane.model;

import java.util.List;
import java.util.Locale;

/**
 * How a service's instances get the routing key across their own outbound calls: as their code does
 * ({@link #NONE}), or with the OpenTelemetry Java agent and Prooflane's drop detector attached
 * (docs/propagation.md).
 */
public enum Propagation {
  /** Nothing attached (the default): the service propagates exactly as its code does. */
  NONE,
  /**
   * The OpenTelemetry Java agent with the Prooflane extension: the agent extracts and injects W3C
   * trace context and baggage on every instrumented client and server, so the key travels without a
   * code change.
   */
  OPENTELEMETRY_AGENT,
  /**
   * The same two jars, with the agent's own injection off: the service propagates as its code does,
   * and the drop detector reports each outbound call that lost the key, with its call site.
   */
  DETECT;

  /**
   * The OpenTelemetry variables a service with an agent gets, which its own {@code env} may not
   * set.
   */
  public static final List<String> AGENT_VARIABLES =
      List.of(
          "OTEL_TRACES_EXPORTER",
          "OTEL_METRICS_EXPORTER",
          "OTEL_LOGS_EXPORTER",
          "OTEL_SERVICE_NAME",
          "OTEL_PROPAGATORS");

  /**
   * The name in {@code prooflane.yaml}: {@code none}, {@code opentelemetry-agent} or {@code
   * detect}.
   */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether instances run with the agent and the extension attached. */
  public boolean attachesAgent() {
    return this != NONE;
  }

  /** The mode named {@code name} in {@code prooflane.yaml}, or null if none is. */
  public static Propagation fromYaml(String name) {
    for (Propagation mode : values()) {
      if (mode.yamlName().equals(name)) {
        return mode;
      }
    }
    return null;
  }

  /** The accepted names, for messages: {@code none, opentelemetry-agent or detect}. */
  public static String expected() {
    return "none, opentelemetry-agent or detect";
  }
}
