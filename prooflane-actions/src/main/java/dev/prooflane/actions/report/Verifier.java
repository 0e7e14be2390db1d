package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a {@code report.json}: re-canonicalizes the payload, compares its SHA-256 with the
 * recorded digest, and checks the Ed25519 signature — optionally that it was made by a trusted key.
 * Any edit of the payload (a verdict, a step, a hop) fails the digest; a forged digest fails the
 * signature; a report re-signed with another key fails the trusted-key check.
 */
public final class Verifier {
  /** The problem reported when the payload no longer matches its digest. */
  public static final String DIGEST_MISMATCH =
      "payload digest mismatch: the report was modified after signing";

  /** The problem reported when the signature does not match the payload and key. */
  public static final String SIGNATURE_INVALID =
      "signature invalid: the payload or its signature was changed, or it was signed with another"
          + " key";

  private Verifier() {}

  /** Verifies with the public key the report carries (proves integrity, not who signed it). */
  public static Verification verify(Path report) {
    return verify(report, Optional.empty());
  }

  /** Verifies, and requires the signature to be made by {@code trusted} when given. */
  public static Verification verify(Path report, Optional<PublicKey> trusted) {
    JsonNode envelope;
    try {
      envelope = CanonicalJson.MAPPER.readTree(report.toFile());
    } catch (IOException e) {
      return Verification.failed(
          "unreadable: " + report + " is not valid JSON (" + firstLine(e) + ")", null, null, null);
    }
    if (envelope == null || !envelope.isObject()) {
      return Verification.failed("malformed: not a JSON object", null, null, null);
    }
    JsonNode payload = envelope.get("payload");
    String digest = text(envelope.path("payloadDigest").path("sha256"));
    JsonNode signature = envelope.path("signatures").path(0);
    String keyId = text(signature.path("keyid"));
    if (!SignedReport.PAYLOAD_TYPE.equals(text(envelope.path("payloadType")))) {
      return Verification.failed(
          "malformed: payloadType must be " + SignedReport.PAYLOAD_TYPE, keyId, digest, payload);
    }
    if (payload == null || !payload.isObject()) {
      return Verification.failed("malformed: payload missing", keyId, digest, null);
    }
    if (digest == null || envelope.path("signatures").size() != 1) {
      return Verification.failed(
          "malformed: expected payloadDigest.sha256 and exactly one signature",
          keyId,
          digest,
          payload);
    }
    byte[] canonical = CanonicalJson.bytes(payload);
    if (!MessageDigest.isEqual(
        Statement.sha256(canonical).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return Verification.failed(DIGEST_MISMATCH, keyId, digest, payload);
    }
    PublicKey key;
    byte[] sig;
    try {
      key = SigningKeys.publicKey(String.valueOf(text(signature.path("publicKey"))));
      sig = Base64.getDecoder().decode(String.valueOf(text(signature.path("sig"))));
    } catch (IllegalArgumentException e) {
      return Verification.failed("malformed signature: " + e.getMessage(), keyId, digest, payload);
    }
    if (!SigningKeys.keyId(key).equals(keyId)) {
      return Verification.failed(
          "key id mismatch: the report names "
              + keyId
              + " but carries the public key "
              + SigningKeys.keyId(key),
          keyId,
          digest,
          payload);
    }
    if (trusted.isPresent()
        && !MessageDigest.isEqual(trusted.get().getEncoded(), key.getEncoded())) {
      return Verification.failed(
          "unknown/untrusted key: signed by "
              + keyId
              + ", expected "
              + SigningKeys.keyId(trusted.get()),
          keyId,
          digest,
          payload);
    }
    if (!signatureHolds(key, canonical, sig)) {
      return Verification.failed(SIGNATURE_INVALID, keyId, digest, payload);
    }
    return Verification.ok(keyId, digest, payload);
  }

  private static boolean signatureHolds(PublicKey key, byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(data);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
