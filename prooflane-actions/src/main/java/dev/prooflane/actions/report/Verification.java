package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The outcome of verifying a {@code report.json}.
 *
 * @param valid whether the signature holds over the payload (and the key is the trusted one, if
 *     given)
 * @param problem what failed, such as {@code signature invalid: ...}, or empty when valid
 * @param notice something to know even when valid, such as an old report format
 * @param keyId the key id the report's signature names, or null when unreadable
 * @param payloadSha256 hex SHA-256 of the signed payload bytes, or null when unreadable
 * @param statement the statement (the payload), or null when unreadable; trust it only when valid
 */
public record Verification(
    boolean valid,
    Optional<String> problem,
    Optional<String> notice,
    String keyId,
    String payloadSha256,
    JsonNode statement) {
  static Verification ok(String keyId, String digest, JsonNode statement) {
    return new Verification(true, Optional.empty(), Optional.empty(), keyId, digest, statement);
  }

  static Verification failed(String problem, String keyId, String digest, JsonNode statement) {
    return new Verification(
        false, Optional.of(problem), Optional.empty(), keyId, digest, statement);
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
