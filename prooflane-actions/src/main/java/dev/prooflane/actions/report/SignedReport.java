package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.engine.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code report.json}, a standard DSSE envelope holding the run's in-toto Statement, signed
 * with Ed25519 over the DSSE pre-authentication encoding; beside it a readable copy of the
 * statement ({@code statement.json}) and the signer's public key ({@code report-signing.pub}).
 *
 * <pre>{@code
 * {"payloadType": "application/vnd.in-toto+json",
 *  "payload": "<base64 of the canonical statement>",
 *  "signatures": [{"keyid": "ed25519:<16 hex>", "sig": "<base64 Ed25519 of PAE(type, payload)>"}]}
 * }</pre>
 */
public final class SignedReport {
  /** The file name of the envelope. */
  public static final String FILE = "report.json";

  /** The readable copy of the statement, beside the envelope; not evidence by itself. */
  public static final String STATEMENT_FILE = "statement.json";

  /** The signer's public key, beside the envelope. */
  public static final String KEY_FILE = SigningKeys.PUBLIC_KEY_FILE;

  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private SignedReport() {}

  /** Writes {@code dir/report.json}, {@code statement.json} and the public key, each atomically. */
  public static ReportSignature write(RunResult run, SigningKeys keys, Path dir)
      throws IOException {
    JsonNode statement = CanonicalJson.normalize(Statement.of(run));
    byte[] payload = CanonicalJson.bytes(statement);
    byte[] sig = keys.sign(Dsse.pae(PAYLOAD_TYPE, payload));
    byte[] envelope =
        CanonicalJson.MAPPER
            .writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(Dsse.envelope(PAYLOAD_TYPE, payload, keys.keyId(), sig));
    AtomicFiles.write(
        dir.resolve(STATEMENT_FILE),
        CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(statement));
    AtomicFiles.write(
        dir.resolve(KEY_FILE), keys.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    Path file = AtomicFiles.write(dir.resolve(FILE), envelope);
    return new ReportSignature(file, Statement.sha256(payload), keys.keyId());
  }
}
