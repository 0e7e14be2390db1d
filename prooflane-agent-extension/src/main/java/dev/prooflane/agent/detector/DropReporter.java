package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Decides whether one outbound call made while handling a keyed request is a drop, and writes its
 * record within the bounds (per call site and trace, then the file's size).
 */
final class DropReporter {

  private final DetectorConfig config;
  private final DropWriter writer;
  private final DropBounds bounds;
  private final Clock clock;

  DropReporter(DetectorConfig config, DropWriter writer, Clock clock) {
    this.config = requireNonNull(config, "config");
    this.writer = requireNonNull(writer, "writer");
    this.bounds = new DropBounds(config.perCallSite());
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Checks one outbound call; true when it dropped the key and its record was written.
   *
   * @param stack the application frames of the caller, innermost first
   * @param currentTraceId the trace id of the caller's span, for an inbound request that came
   *     without one; may be null
   */
  boolean check(
      Inbound inbound,
      String protocol,
      String method,
      String target,
      UnaryOperator<String> headers,
      List<StackTraceElement> stack,
      String currentTraceId) {
    if (KeyCarriers.carriesKey(config, headers, inbound.key())) {
      return false;
    }
    String traceId = inbound.traceId() != null ? inbound.traceId() : currentTraceId;
    if (!bounds.admit(stack.isEmpty() ? null : stack.get(0), traceId)) {
      return false;
    }
    DropRecord record =
        new DropRecord(
            clock.instant(),
            config.service(),
            config.destination(),
            new Inbound(inbound.key(), traceId, inbound.method(), inbound.target()),
            new DropRecord.Outbound(protocol, method, target, KeyCarriers.carried(config, headers)),
            stack);
    return writer.append(record.toJson());
  }
}
