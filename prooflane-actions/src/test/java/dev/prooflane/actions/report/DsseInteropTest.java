package dev.prooflane.actions.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports are standard DSSE envelopes: a DSSE implementation that is not ours (a few lines of
 * Node's crypto implementing the specification's PAE, src/test/node/dsse.mjs) verifies what we
 * sign, and we verify what it signs.
 */
class DsseInteropTest {
  private static final Path SCRIPT = Path.of("src/test/node/dsse.mjs").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anIndependentVerifierAcceptsOurReport() throws Exception {
    SigningKeys keys = SigningKeys.generate();
    Path report = SignedReport.write(Runs.fail(), keys, dir).file();

    Result r = node("verify", report.toString(), dir.resolve("report-signing.pub").toString());

    assertThat(r.exit).as(r.output).isZero();
    assertThat(JSON.readTree(r.output))
        .isEqualTo(
            JSON.readTree(
                "{\"payloadType\":\"application/vnd.in-toto+json\","
                    + "\"type\":\"https://in-toto.io/Statement/v1\","
                    + "\"predicateType\":\"https://in-toto.io/attestation/test-result/v0.1\","
                    + "\"result\":\"FAILED\"}"));
  }

  @Test
  void anIndependentVerifierRejectsAnEditedReport() throws Exception {
    SigningKeys keys = SigningKeys.generate();
    Path report = SignedReport.write(Runs.fail(), keys, dir).file();
    ObjectNode envelope = (ObjectNode) JSON.readTree(report.toFile());
    String statement =
        new String(
            Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
    envelope.put(
        "payload",
        Base64.getEncoder()
            .encodeToString(
                statement
                    .replace("\"result\":\"FAILED\"", "\"result\":\"PASSED\"")
                    .getBytes(StandardCharsets.UTF_8)));
    Files.writeString(report, envelope.toString());

    Result r = node("verify", report.toString(), dir.resolve("report-signing.pub").toString());

    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("no signature holds");
  }

  @Test
  void weVerifyAnEnvelopeAnotherImplementationSigned() throws Exception {
    Path statement = dir.resolve("in.json");
    Files.write(statement, CanonicalJson.bytes(Statement.of(Runs.pass())));

    Result r = node("sign", statement.toString(), dir.toString());
    assertThat(r.exit).as(r.output).isZero();

    Verification v = Verifier.verify(dir.resolve("report.json"));
    assertThat(v.problem()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.verdict()).contains("PASS");
  }

  private record Result(int exit, String output) {}

  private static Result node(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "this test needs Node.js ('node' on the PATH; .ci/run installs it): " + e.getMessage(),
          e);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("node did not finish within 60 s");
    }
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }
}
