package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Checks a {@code report.json}: a DSSE envelope whose Ed25519 signature over the pre-authentication
 * encoding of its payload must hold for the trusted key, or, when none is given, for the public key
 * beside the report (which proves integrity, not who signed). Any edit of the payload (a verdict, a
 * step, a hop) fails the signature; a report re-signed with another key fails the trusted-key
 * check; a readable {@code statement.json} beside it must say what the payload says. Reports
 * written before DSSE are still read, with a notice.
 */
public final class Verifier {
  /** The problem reported when an old-format report's payload no longer matches its digest. */
  public static final String DIGEST_MISMATCH =
      "payload digest mismatch: the report was modified after signing";

  /** The problem reported when the signature does not match the payload and key. */
  public static final String SIGNATURE_INVALID =
      "signature invalid: the payload or its signature was changed, or it was signed with another"
          + " key";

  /** The problem reported when the readable copy of the statement differs from the payload. */
  public static final String STATEMENT_MISMATCH =
      SignedReport.STATEMENT_FILE
          + " does not say what the signed payload says: it was edited after signing (read the"
          + " statement from report.json's payload)";

  private Verifier() {}

  /** Verifies with the public key file beside the report (proves integrity, not who signed it). */
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
    if (!SignedReport.PAYLOAD_TYPE.equals(text(envelope.path("payloadType")))) {
      return Verification.failed(
          "malformed: payloadType must be " + SignedReport.PAYLOAD_TYPE, null, null, null);
    }
    if (LegacyReport.is(envelope)) {
      return LegacyReport.verify(envelope, trusted);
    }
    return new DsseCheck(report, envelope, trusted).verify();
  }

  /** Why {@code key} is not the trusted key, when one is given and it is not. */
  static Optional<String> untrusted(String keyId, PublicKey key, Optional<PublicKey> trusted) {
    if (trusted.isPresent()
        && !MessageDigest.isEqual(trusted.get().getEncoded(), key.getEncoded())) {
      return Optional.of(
          "unknown/untrusted key: signed by "
              + keyId
              + ", expected "
              + SigningKeys.keyId(trusted.get()));
    }
    return Optional.empty();
  }

  static boolean signatureHolds(PublicKey key, byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(data);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
