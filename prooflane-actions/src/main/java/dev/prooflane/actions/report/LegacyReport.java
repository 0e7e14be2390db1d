package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies a {@code report.json} written before reports became DSSE envelopes: the statement inline
 * as JSON, {@code payloadDigest.sha256} and an Ed25519 signature over its canonical bytes, with the
 * signer's public key inside the signature.
 */
final class LegacyReport {
  /** Said of every report in this format, valid or not. */
  static final String NOTICE =
      "old report format (before DSSE): checked against the key it carries; reports written now are"
          + " standard DSSE envelopes";

  private LegacyReport() {}

  static boolean is(JsonNode envelope) {
    return envelope.path("payload").isObject();
  }

  static Verification verify(JsonNode envelope, Optional<PublicKey> trusted) {
    JsonNode payload = envelope.get("payload");
    String digest = text(envelope.path("payloadDigest").path("sha256"));
    JsonNode signature = envelope.path("signatures").path(0);
    String keyId = text(signature.path("keyid"));
    if (digest == null || envelope.path("signatures").size() != 1) {
      return failed(
          "malformed: expected payloadDigest.sha256 and exactly one signature",
          keyId,
          digest,
          payload);
    }
    byte[] canonical = CanonicalJson.bytes(payload);
    if (!MessageDigest.isEqual(
        Statement.sha256(canonical).getBytes(StandardCharsets.US_ASCII),
        digest.getBytes(StandardCharsets.US_ASCII))) {
      return failed(Verifier.DIGEST_MISMATCH, keyId, digest, payload);
    }
    PublicKey key;
    byte[] sig;
    try {
      key = SigningKeys.publicKey(String.valueOf(text(signature.path("publicKey"))));
      sig = Base64.getDecoder().decode(String.valueOf(text(signature.path("sig"))));
    } catch (IllegalArgumentException e) {
      return failed("malformed signature: " + e.getMessage(), keyId, digest, payload);
    }
    if (!SigningKeys.keyId(key).equals(keyId)) {
      return failed(
          "key id mismatch: the report names "
              + keyId
              + " but carries the public key "
              + SigningKeys.keyId(key),
          keyId,
          digest,
          payload);
    }
    Optional<String> untrusted = Verifier.untrusted(keyId, key, trusted);
    if (untrusted.isPresent()) {
      return failed(untrusted.get(), keyId, digest, payload);
    }
    if (!Verifier.signatureHolds(key, canonical, sig)) {
      return failed(Verifier.SIGNATURE_INVALID, keyId, digest, payload);
    }
    return new Verification(true, Optional.empty(), Optional.of(NOTICE), keyId, digest, payload);
  }

  private static Verification failed(
      String problem, String keyId, String digest, JsonNode payload) {
    return new Verification(
        false, Optional.of(problem), Optional.of(NOTICE), keyId, digest, payload);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
