package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;

/** Checks one DSSE {@code report.json}; see {@link Verifier}. */
final class DsseCheck {
  private final Path report;
  private final JsonNode envelope;
  private final Optional<PublicKey> trusted;
  private String keyId;
  private String digest;
  private JsonNode statement;

  DsseCheck(Path report, JsonNode envelope, Optional<PublicKey> trusted) {
    this.report = report;
    this.envelope = envelope;
    this.trusted = trusted;
  }

  Verification verify() {
    byte[] payload;
    try {
      payload = Dsse.decode(envelope.get("payload"), "payload");
    } catch (IllegalArgumentException e) {
      return failed("malformed: " + e.getMessage());
    }
    digest = Statement.sha256(payload);
    try {
      statement = CanonicalJson.MAPPER.readTree(payload);
    } catch (IOException e) {
      return failed("malformed: the payload is not JSON (" + Verifier.firstLine(e) + ")");
    }
    if (statement == null || !statement.isObject()) {
      statement = null;
      return failed("malformed: the payload is not a JSON object (an in-toto Statement)");
    }
    JsonNode signatures = envelope.path("signatures");
    if (!signatures.isArray() || signatures.isEmpty()) {
      return failed("malformed: signatures: none (expected: at least one)");
    }
    keyId = Verifier.text(signatures.path(0).path("keyid"));
    PublicKey key;
    try {
      key = trusted.isPresent() ? trusted.get() : besideReport();
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage());
    }
    String wanted = SigningKeys.keyId(key);
    byte[] signed = Dsse.pae(SignedReport.PAYLOAD_TYPE, payload);
    // A keyid is an unauthenticated hint (DSSE): every signature is tried against the key.
    boolean named = false;
    boolean holds = false;
    for (int i = 0; i < signatures.size() && !holds; i++) {
      JsonNode signature = signatures.get(i);
      named |= wanted.equals(Verifier.text(signature.path("keyid")));
      try {
        holds =
            Verifier.signatureHolds(
                key, signed, Dsse.decode(signature.get("sig"), "signatures[" + i + "].sig"));
      } catch (IllegalArgumentException e) {
        return failed("malformed signature: " + e.getMessage());
      }
    }
    if (!holds && !named) {
      return failed(
          trusted.isPresent()
              ? "unknown/untrusted key: signed by " + keyId + ", expected " + wanted
              : "key id mismatch: the report is signed by "
                  + keyId
                  + " but the key beside it is "
                  + wanted);
    }
    if (!holds) {
      return failed(Verifier.SIGNATURE_INVALID);
    }
    keyId = wanted;
    if (!readableCopyMatches(payload)) {
      return failed(Verifier.STATEMENT_MISMATCH);
    }
    return Verification.ok(keyId, digest, statement);
  }

  private PublicKey besideReport() {
    Path file = report.toAbsolutePath().resolveSibling(SignedReport.KEY_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no key to check the signature with: "
              + file
              + " is missing (pass the signer's public key, a report-signing.pub file)");
    }
    try {
      return SigningKeys.publicKey(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + Verifier.firstLine(e), e);
    }
  }

  private boolean readableCopyMatches(byte[] payload) {
    Path copy = report.toAbsolutePath().resolveSibling(SignedReport.STATEMENT_FILE);
    if (!Files.exists(copy)) {
      return true;
    }
    try {
      return Arrays.equals(
          CanonicalJson.bytes(CanonicalJson.MAPPER.readTree(copy.toFile())), payload);
    } catch (IOException e) {
      return false;
    }
  }

  private Verification failed(String problem) {
    return Verification.failed(problem, keyId, digest, statement);
  }
}
