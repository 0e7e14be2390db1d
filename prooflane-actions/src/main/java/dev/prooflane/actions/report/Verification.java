package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The outcome of verifying a {@code report.json}.
 *
 * @param valid whether the digest and the signature hold (and the key is the trusted one, if given)
 * @param problem what failed, such as {@code payload digest mismatch: the report was modified after
 *     signing}, or empty when valid
 * @param keyId the key id the report claims, or null when unreadable
 * @param payloadSha256 the digest the report claims, or null when unreadable
 * @param statement the statement (the payload), or null when unreadable; trust it only when valid
 */
public record Verification(
    boolean valid,
    Optional<String> problem,
    String keyId,
    String payloadSha256,
    JsonNode statement) {
  static Verification ok(String keyId, String digest, JsonNode statement) {
    return new Verification(true, Optional.empty(), keyId, digest, statement);
  }

  static Verification failed(String problem, String keyId, String digest, JsonNode statement) {
    return new Verification(false, Optional.of(problem), keyId, digest, statement);
  }

  /** The run's verdict as the statement records it ({@code PASS}, ...), if readable. */
  public Optional<String> verdict() {
    if (statement == null) {
      return Optional.empty();
    }
    JsonNode v = statement.path("predicate").path("prooflane").path("verdict");
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }
}
