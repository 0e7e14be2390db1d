package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.actions.engine.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes {@code report.json}: an envelope holding the run's in-toto statement as readable JSON, the
 * SHA-256 of its canonical bytes and an Ed25519 signature of the same bytes.
 *
 * <pre>{@code
 * {"payloadType": "application/vnd.in-toto+json",
 *  "payload": {...statement...},
 *  "payloadDigest": {"sha256": "<hex>"},
 *  "signatures": [{"keyid": "ed25519:<16 hex>", "publicKey": "<base64 X.509>", "sig": "<base64>"}]}
 * }</pre>
 */
public final class SignedReport {
  /** The file name written. */
  public static final String FILE = "report.json";

  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private SignedReport() {}

  /** Writes {@code dir/report.json} atomically. */
  public static ReportSignature write(RunResult run, SigningKeys keys, Path dir)
      throws IOException {
    JsonNode payload = CanonicalJson.normalize(Statement.of(run));
    byte[] canonical = CanonicalJson.bytes(payload);
    String digest = Statement.sha256(canonical);
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("payloadType", PAYLOAD_TYPE);
    envelope.set("payload", payload);
    envelope.putObject("payloadDigest").put("sha256", digest);
    ObjectNode signature = envelope.putArray("signatures").addObject();
    signature.put("keyid", keys.keyId());
    signature.put("publicKey", keys.publicKeyBase64());
    signature.put("sig", Base64.getEncoder().encodeToString(keys.sign(canonical)));
    byte[] text = CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope);
    Path file = AtomicFiles.write(dir.resolve(FILE), text);
    return new ReportSignature(file, digest, keys.keyId());
  }
}
