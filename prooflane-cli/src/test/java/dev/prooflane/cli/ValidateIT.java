package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skills and validation from the command line against a real daemon running the demo shop. */
class ValidateIT {
  private static final String SHOP = "dev.prooflane.examples.shop.";
  @TempDir static Path dir;

  static CliProcess.Result cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(dir.resolve("state").toString());
    return CliProcess.run(dir, all.toArray(String[]::new));
  }

  static String fork(String service, String mainClass) {
    return service
        + "=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact} "
        + SHOP
        + mainClass;
  }

  @BeforeAll
  static void up() throws Exception {
    CliProcess.Result up =
        cli("up", "--detach", "--api-port", "0", "-f", CliProcess.SYNC_SHOP.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    cli("down");
  }

  @Test
  void changedServiceValidatesAsPassWithAnAuthenticReport() throws Exception {
    Path out = dir.resolve("pass");
    CliProcess.Result result =
        cli(
            "validate",
            "--fork",
            fork("pricing", "pricing.PricingDiscountMain"),
            "--skill",
            "product-contract",
            "--skill",
            "discount-visible",
            "--out",
            out.toString());
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("PASS")
        .contains("product-contract")
        .contains("discount-visible");
    Path report = out.resolve("product-contract/report.json");
    assertThat(report).exists();
    assertThat(out.resolve("summary.md")).content().contains("Prooflane validation: PASS");
    assertThat(CliProcess.run(dir, "verify", report.toString(), "--require-pass").exitCode())
        .isZero();

    Path statement = report.resolveSibling("statement.json");
    String readable = Files.readString(statement);
    Files.writeString(statement, readable.replace("\"PASS\"", "\"FAIL\""));
    CliProcess.Result edited = CliProcess.run(dir, "verify", report.toString());
    assertThat(edited.exitCode()).isEqualTo(1);
    assertThat(edited.err()).contains("statement.json does not say what the signed payload says");
    Files.writeString(statement, readable);

    com.fasterxml.jackson.databind.node.ObjectNode envelope =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(report.toFile());
    String payload =
        new String(
            java.util.Base64.getDecoder().decode(envelope.get("payload").asText()),
            java.nio.charset.StandardCharsets.UTF_8);
    envelope.put(
        "payload",
        java.util.Base64.getEncoder()
            .encodeToString(
                payload
                    .replace("\"PASS\"", "\"FAIL\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Files.writeString(report, envelope.toString());
    CliProcess.Result tampered = CliProcess.run(dir, "verify", report.toString());
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).contains("signature invalid");
  }

  @Test
  void regressionFailsWithTheFailingPathAndExitCode1() throws Exception {
    Path out = dir.resolve("fail");
    CliProcess.Result result =
        cli(
            "validate",
            "--json",
            "--fork",
            fork("pricing", "pricing.PricingRegressionMain"),
            "--skill",
            "product-contract",
            "--out",
            out.toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    JsonNode outcome = result.json();
    assertThat(outcome.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(outcome.path("runs").get(0).path("message").asText())
        .contains("$.price: expected number, got string");
    assertThat(out.resolve("product-contract/report.md")).content().contains("$.price");
    assertThat(out.resolve("product-contract/junit.xml")).content().contains("<failure");
  }

  @Test
  void droppedKeyIsInconclusiveNeverPass() throws Exception {
    Path out = dir.resolve("dropped");
    CliProcess.Result result =
        cli(
            "validate",
            "--fork",
            fork("catalog", "catalog.CatalogDropsKeyMain"),
            "--fork",
            fork("pricing", "pricing.PricingDiscountMain"),
            "--skill",
            "product-contract",
            "--out",
            out.toString());
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(5);
    assertThat(result.out()).contains("INCONCLUSIVE").contains("not exercised").contains("pricing");

    // Where the key stopped, by the key: the sandbox is gone when the hint is read.
    String dropped = "catalog's calls to pricing carried neither the key nor its trace: catalog";
    assertThat(result.out())
        .contains("the key reached frontend (baseline), catalog (sandbox validate-")
        .contains(dropped)
        .containsPattern("last keyed hop: catalog \\(sandbox validate-[a-z0-9]+\\) GET /items/1")
        .containsPattern("\\(see: prooflane hops --key [a-z0-9]+\\)")
        .doesNotContain("hops --sandbox");
    Path report = out.resolve("product-contract");
    assertThat(report.resolve("report.md")).content().contains(dropped);
    assertThat(report.resolve("junit.xml"))
        .content()
        .contains("calls to pricing carried neither the key nor its trace: catalog (sandbox");
    JsonNode drop =
        Json.mapper()
            .readTree(report.resolve("statement.json").toFile())
            .at("/predicate/prooflane/coverage/keyTrail/drops/0");
    assertThat(drop.path("service").asText()).isEqualTo("catalog");
    assertThat(drop.path("sameTrace").asBoolean()).isFalse();
    assertThat(drop.at("/unkeyedHops/0/service").asText()).isEqualTo("pricing");
    assertThat(drop.at("/unkeyedHops/0/routingKey").isNull()).isTrue();
  }

  @Test
  void catalogsAndBaselineRunsAndBadInputs() throws Exception {
    assertThat(cli("skill", "list").out())
        .contains("product-contract")
        .contains("After changing pricing");
    assertThat(cli("action", "list").out())
        .contains("http")
        .contains("schema")
        .contains("diff")
        .contains("logs")
        .contains("wait");
    assertThat(cli("action", "describe", "check").out()).contains("that").contains("example:");

    CliProcess.Result baseline = cli("skill", "run", "product-contract", "--input", "productId=2");
    assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();
    assertThat(baseline.out()).contains("verdict PASS").contains("on the baseline");

    CliProcess.Result badInput =
        cli("skill", "run", "product-contract", "--input", "productId=abc");
    assertThat(badInput.exitCode()).isEqualTo(2);
    assertThat(badInput.err()).contains("productId").contains("not of type integer");

    CliProcess.Result unknown = cli("skill", "run", "no-such-skill");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.err()).contains("known skills").contains("product-contract");
  }
}
