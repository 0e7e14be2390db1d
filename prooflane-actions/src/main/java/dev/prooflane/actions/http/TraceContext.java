package dev.prooflane.actions.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C {@code traceparent} derived from the run, step and request, so that the same run gives the
 * same trace id and the hops of one request can be found by it.
 *
 * @param header the {@code traceparent} value
 * @param traceId its 32 lowercase hex digits
 */
public record TraceContext(String header, String traceId) {
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");

  /** Version 00, trace id and parent id from SHA-256 of the parts, sampled. */
  public static TraceContext derive(String runId, String stepId, String label) {
    byte[] hash = sha256(runId + "\n" + stepId + "\n" + label);
    HexFormat hex = HexFormat.of();
    String traceId = hex.formatHex(Arrays.copyOfRange(hash, 0, 16));
    String parentId = hex.formatHex(Arrays.copyOfRange(hash, 16, 24));
    return new TraceContext("00-" + traceId + "-" + parentId + "-01", traceId);
  }

  /** The trace id of a {@code traceparent} a step set itself, if it is well-formed. */
  public static Optional<String> traceIdOf(String traceparent) {
    Matcher m = TRACEPARENT.matcher(traceparent.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
