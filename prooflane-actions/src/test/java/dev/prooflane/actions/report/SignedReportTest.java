package dev.prooflane.actions.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SigningKeys KEYS = SigningKeys.generate();
  private static final SigningKeys OTHER = SigningKeys.generate();

  @TempDir Path dir;

  @Test
  void writesAnInTotoTestResultStatement() throws IOException {
    ReportSignature sig = SignedReport.write(Runs.fail(), KEYS, dir);
    JsonNode envelope = JSON.readTree(sig.file().toFile());
    JsonNode statement = payload(envelope);

    assertThat(envelope.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    assertThat(fieldNames(envelope)).containsExactly("payloadType", "payload", "signatures");
    assertThat(fieldNames(envelope.at("/signatures/0"))).containsExactly("keyid", "sig");
    assertThat(JSON.readTree(dir.resolve("statement.json").toFile())).isEqualTo(statement);
    assertThat(SigningKeys.readPublicKey(dir.resolve("report-signing.pub")))
        .isEqualTo(KEYS.publicKey());
    assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.get("predicateType").asText())
        .isEqualTo("https://in-toto.io/attestation/test-result/v0.1");
    assertThat(statement.at("/subject/0/name").asText()).isEqualTo("skill:price-check@2");
    assertThat(statement.at("/subject/0/digest/sha256").asText())
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    assertThat(statement.at("/subject/1/name").asText()).isEqualTo("sandbox:pr-42");
    assertThat(statement.at("/subject/1/digest/sha256").asText())
        .isEqualTo(sha256("k7f3a\npricing"));
    JsonNode predicate = statement.get("predicate");
    assertThat(predicate.get("result").asText()).isEqualTo("FAILED");
    assertThat(predicate.get("url").isNull()).isTrue();
    assertThat(predicate.at("/configuration/0/name").asText()).isEqualTo("skills/price-check.yaml");
    assertThat(texts(predicate.get("passedTests"))).containsExactly("quote", "coverage");
    assertThat(texts(predicate.get("failedTests")))
        .containsExactly("contract", "no_errors", "compare", "smoke", "smoke.ping");
    JsonNode evidence = predicate.get("prooflane");
    assertThat(evidence.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(evidence.at("/target/routingKey").asText()).isEqualTo("k7f3a");
    assertThat(evidence.at("/steps/1/assertions/0/path").asText()).isEqualTo("$.price");
    assertThat(evidence.at("/steps/0/exchanges/0/response/status").asInt()).isEqualTo(200);
    assertThat(evidence.at("/steps/2/logs/0/lines/1/stream").asText()).isEqualTo("stderr");
    assertThat(evidence.at("/steps/4/children/0/id").asText()).isEqualTo("smoke.ping");
    assertThat(evidence.at("/coverage/keyedHops/0/destination").asText()).isEqualTo("pr-42");
    assertThat(evidence.at("/control/keyed").asBoolean()).isFalse();
    assertThat(evidence.at("/forkLogs/0/service").asText()).isEqualTo("pricing");
    assertThat(evidence.get("startedAt").asText()).isEqualTo("2026-11-03T10:15:30Z");
    assertThat(envelope.at("/signatures/0/keyid").asText()).isEqualTo(KEYS.keyId()).hasSize(24);
    assertThat(sig.payloadSha256()).isEqualTo(sha256(payloadBytes(envelope)));
  }

  @Test
  void encodesWhatTheSignatureCoversAsTheDsseSpecificationSays() {
    // The example of the DSSE v1 protocol description.
    assertThat(
            new String(
                Dsse.pae(
                    "http://example.com/HelloWorld",
                    "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    assertThat(new String(Dsse.pae("t", new byte[0]), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 1 t 0 ");
  }

  @Test
  void mapsVerdictsToTestResults() {
    assertThat(Statement.result(dev.prooflane.actions.core.Verdict.PASS)).isEqualTo("PASSED");
    for (var v :
        new dev.prooflane.actions.core.Verdict[] {
          dev.prooflane.actions.core.Verdict.FAIL,
          dev.prooflane.actions.core.Verdict.ERROR,
          dev.prooflane.actions.core.Verdict.INCONCLUSIVE
        }) {
      assertThat(Statement.result(v)).isEqualTo("FAILED");
    }
    assertThat(Statement.of(Runs.inconclusive()).at("/predicate/failedTests/0").asText())
        .isEqualTo("coverage");
  }

  @Test
  void signsTheCanonicalPayloadAndVerifies() throws IOException {
    ReportSignature sig = SignedReport.write(Runs.pass(), KEYS, dir);
    byte[] payload = payloadBytes(JSON.readTree(sig.file().toFile()));

    assertThat(payload).isEqualTo(CanonicalJson.bytes(JSON.readTree(payload)));
    Verification v = Verifier.verify(sig.file());
    assertThat(v.valid()).isTrue();
    assertThat(v.problem()).isEmpty();
    assertThat(v.notice()).isEmpty();
    assertThat(v.payloadSha256()).isEqualTo(sig.payloadSha256());
    assertThat(v.verdict()).contains("PASS");
    assertThat(Verifier.verify(sig.file(), Optional.of(KEYS.publicKey())).valid()).isTrue();
  }

  @Test
  void survivesReformattingBecauseOnlyTheCanonicalBytesCount() throws IOException {
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    Files.writeString(file, JSON.readTree(file.toFile()).toString());

    assertThat(Verifier.verify(file).valid()).isTrue();
  }

  @Test
  void detectsAnEditedVerdict() throws IOException {
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    editPayload(
        file,
        p -> {
          ((ObjectNode) p.get("predicate")).put("result", "PASSED");
          ((ObjectNode) p.at("/predicate/prooflane")).put("verdict", "PASS");
        });

    assertThat(Verifier.verify(file).problem()).contains(Verifier.SIGNATURE_INVALID);
  }

  @Test
  void detectsARemovedStep() throws IOException {
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    editPayload(file, p -> ((ArrayNode) p.at("/predicate/prooflane/steps")).remove(1));

    assertThat(Verifier.verify(file).problem()).contains(Verifier.SIGNATURE_INVALID);
  }

  @Test
  void detectsAChangedHopDestination() throws IOException {
    Path file = SignedReport.write(Runs.inconclusive(), KEYS, dir).file();
    editPayload(
        file,
        p ->
            ((ObjectNode) p.at("/predicate/prooflane/coverage/keyedHops/0"))
                .put("destination", "pr-42"));

    assertThat(Verifier.verify(file).problem()).contains(Verifier.SIGNATURE_INVALID);
  }

  @Test
  void detectsAnEditedReadableStatement() throws IOException {
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    Path copy = dir.resolve("statement.json");
    ObjectNode statement = (ObjectNode) JSON.readTree(copy.toFile());
    ((ObjectNode) statement.get("predicate")).put("result", "PASSED");
    Files.writeString(copy, statement.toPrettyString());

    assertThat(Verifier.verify(file).problem()).contains(Verifier.STATEMENT_MISMATCH);
    Files.delete(copy);
    assertThat(Verifier.verify(file).valid()).as("the copy is optional").isTrue();
  }

  @Test
  void detectsASwappedSignature() throws IOException {
    Path other = Files.createDirectory(dir.resolve("other"));
    String foreignSig =
        JSON.readTree(SignedReport.write(Runs.pass(), KEYS, other).file().toFile())
            .at("/signatures/0/sig")
            .asText();
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    edit(file, e -> ((ObjectNode) e.at("/signatures/0")).put("sig", foreignSig));

    assertThat(Verifier.verify(file).problem()).contains(Verifier.SIGNATURE_INVALID);
  }

  @Test
  void detectsAChangedPublicKey() throws IOException {
    Path file = SignedReport.write(Runs.fail(), KEYS, dir).file();
    Files.writeString(dir.resolve("report-signing.pub"), OTHER.publicKeyPem());
    assertThat(Verifier.verify(file).problem().orElseThrow()).startsWith("key id mismatch");

    edit(file, e -> ((ObjectNode) e.at("/signatures/0")).put("keyid", OTHER.keyId()));
    assertThat(Verifier.verify(file).problem()).contains(Verifier.SIGNATURE_INVALID);
  }

  @Test
  void saysWhichKeyIsMissing() throws IOException {
    Path file = SignedReport.write(Runs.pass(), KEYS, dir).file();
    Files.delete(dir.resolve("report-signing.pub"));

    assertThat(Verifier.verify(file).problem().orElseThrow())
        .startsWith("no key to check the signature with: ")
        .contains("report-signing.pub is missing");
    assertThat(Verifier.verify(file, Optional.of(KEYS.publicKey())).valid()).isTrue();
  }

  @Test
  void readsReportsWrittenBeforeDsseWithANotice() throws IOException {
    Path file = dir.resolve("report.json");
    JsonNode statement = CanonicalJson.normalize(Statement.of(Runs.pass()));
    byte[] canonical = CanonicalJson.bytes(statement);
    ObjectNode old = JSON.createObjectNode();
    old.put("payloadType", "application/vnd.in-toto+json");
    old.set("payload", statement);
    old.putObject("payloadDigest").put("sha256", sha256(canonical));
    ObjectNode signature = old.putArray("signatures").addObject();
    signature.put("keyid", KEYS.keyId());
    signature.put("publicKey", KEYS.publicKeyBase64());
    signature.put("sig", java.util.Base64.getEncoder().encodeToString(KEYS.sign(canonical)));
    Files.writeString(file, old.toPrettyString());

    Verification v = Verifier.verify(file);
    assertThat(v.valid()).isTrue();
    assertThat(v.notice()).contains(LegacyReport.NOTICE);
    assertThat(v.verdict()).contains("PASS");
    assertThat(Verifier.verify(file, Optional.of(OTHER.publicKey())).problem().orElseThrow())
        .startsWith("unknown/untrusted key");

    edit(file, e -> ((ObjectNode) e.at("/payload/predicate")).put("result", "FAILED"));
    assertThat(Verifier.verify(file).problem()).contains(Verifier.DIGEST_MISMATCH);
  }

  @Test
  void refusesAReportResignedWithAnotherKeyWhenAKeyIsTrusted() throws IOException {
    Path file = SignedReport.write(Runs.fail(), OTHER, dir).file();

    assertThat(Verifier.verify(file).valid()).isTrue();
    Verification v = Verifier.verify(file, Optional.of(KEYS.publicKey()));
    assertThat(v.valid()).isFalse();
    assertThat(v.problem().orElseThrow())
        .isEqualTo(
            "unknown/untrusted key: signed by " + OTHER.keyId() + ", expected " + KEYS.keyId());
  }

  @Test
  void refusesDuplicateKeysAndGarbage() throws IOException {
    Path file = SignedReport.write(Runs.pass(), KEYS, dir).file();
    String text = Files.readString(file);
    Files.writeString(file, text.replaceFirst("\\{", "{\"payloadType\":\"x\","));
    assertThat(Verifier.verify(file).problem().orElseThrow()).startsWith("unreadable");

    Files.writeString(file, "not json");
    assertThat(Verifier.verify(file).valid()).isFalse();
  }

  private static JsonNode payload(JsonNode envelope) throws IOException {
    return JSON.readTree(payloadBytes(envelope));
  }

  private static byte[] payloadBytes(JsonNode envelope) {
    return java.util.Base64.getDecoder().decode(envelope.get("payload").asText());
  }

  /** Re-encodes the payload after {@code change}, leaving the signature as it was. */
  private static void editPayload(Path file, Consumer<ObjectNode> change) throws IOException {
    edit(
        file,
        e -> {
          try {
            ObjectNode statement = (ObjectNode) payload(e);
            change.accept(statement);
            e.put(
                "payload",
                java.util.Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(statement)));
          } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
          }
        });
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void edit(Path file, Consumer<ObjectNode> change) throws IOException {
    ObjectNode envelope = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(envelope);
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(envelope));
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
