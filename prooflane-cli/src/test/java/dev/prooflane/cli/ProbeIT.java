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

/**
 * {@code prooflane probe} against a real daemon running the demo shop whose catalog baseline drops
 * the key ({@code CatalogService.droppingKey}, the code of {@code CatalogDropsKeyMain}), with a
 * stand-in for its drop detector that writes records in the detector's format.
 */
class ProbeIT {
  @TempDir static Path dir;

  static CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.inState(dir, args);
  }

  @BeforeAll
  static void up() throws Exception {
    Path shopJar = CliProcess.SHOP.resolveSibling("target/shop.jar");
    Path drops = dir.resolve("state/drops");
    String testClasses = Path.of("target/test-classes").toAbsolutePath().toString();
    String env =
        Files.readString(CliProcess.SHOP)
            .replace("target/shop.jar", shopJar.toString())
            .replace(
                "-cp ${artifact} dev.prooflane.examples.shop.catalog.CatalogMain",
                "-cp ${artifact}:" + testClasses + " " + RecordingCatalogMain.class.getName())
            .replace(
                "PRICING_URL: \"${services.pricing.url}\"}",
                "PRICING_URL: \"${services.pricing.url}\", DROPS_DIR: \"" + drops + "\"}")
            .replace(
                "name: shop\n",
                "name: shop\nskills: " + CliProcess.SHOP.resolveSibling("skills") + "\n");
    assertThat(env)
        .contains(RecordingCatalogMain.class.getName())
        .contains("DROPS_DIR")
        .contains("skills: /");
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(file, env);
    CliProcess.Result up = cli("up", "--detach", "--api-port", "0", "-f", file.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    cli("down");
  }

  @Test
  void aProbeThroughTheDroppingCatalogNamesCatalogAndTheCallSiteAndExits1() throws Exception {
    CliProcess.Result probe = cli("probe", "frontend", "/products/1");

    assertThat(probe.exitCode()).as(probe.out() + probe.err()).isEqualTo(1);
    assertThat(probe.out())
        .containsPattern("probe GET /products/1 via frontend with throwaway key probe-[a-z0-9]+")
        .contains(": answered 200")
        .containsPattern("frontend +baseline +GET /products/1 -> 200 +arrived +arrived")
        .containsPattern("catalog +baseline +GET /items/1 -> 200 +arrived +arrived")
        .containsPattern(
            "pricing +baseline +GET /prices/1 -> 200 +MISSING +MISSING +\\(matched by time\\)")
        .contains("where the key stopped:")
        .contains(
            "catalog (baseline), serving GET /items/1, called pricing without the key and without"
                + " the trace")
        .contains("call site: dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)")
        .contains("'propagation: opentelemetry-agent' under services.catalog")
        .contains("management.tracing.baggage.remote-fields=prooflane-key")
        .doesNotContain("'propagation: detect'");
    System.out.println(probe.out());
  }

  @Test
  void jsonSaysEveryHopWentToTheBaselineAndWhatArrivedWhere() throws Exception {
    CliProcess.Result probe = cli("probe", "frontend", "/products/2", "--json");

    assertThat(probe.exitCode()).as(probe.out() + probe.err()).isEqualTo(1);
    JsonNode result = probe.json();
    assertThat(result.path("keyTravelled").asBoolean()).isFalse();
    assertThat(result.path("status").asInt()).isEqualTo(200);
    String key = result.path("key").asText();
    List<String> services = new ArrayList<>();
    for (JsonNode hop : result.path("hops")) {
      services.add(hop.path("service").asText());
      assertThat(hop.path("destination").asText())
          .as("a key no sandbox has is routed to the baseline, not refused")
          .isEqualTo("baseline");
      assertThat(hop.path("status").asInt()).as(hop.toString()).isEqualTo(200);
    }
    assertThat(services).contains("frontend", "catalog", "pricing", "inventory", "warehouse");
    JsonNode stop = result.path("stops").get(0);
    assertThat(result.path("stops")).hasSize(1);
    assertThat(stop.path("service").asText()).isEqualTo("catalog");
    assertThat(stop.path("calledWithoutKey").get(0).asText()).isEqualTo("pricing");
    assertThat(stop.path("traceKept").asBoolean()).isFalse();
    assertThat(stop.at("/callSites/0/class").asText())
        .isEqualTo("dev.prooflane.examples.shop.http.Downstream");
    assertThat(stop.at("/callSites/0/line").asInt()).isEqualTo(71);
    assertThat(result.path("drops")).hasSize(1);
    assertThat(result.at("/drops/0/key").asText()).isEqualTo(key);
    assertThat(result.at("/drops/0/outbound/target").asText()).endsWith("/prices/2");
    System.out.println(probe.out());
  }

  @Test
  void anInconclusiveValidationNamesTheCallSiteOfTheDropInTheTextAndEveryReport() throws Exception {
    Path out = dir.resolve("dropped");
    CliProcess.Result result =
        cli(
            "validate",
            "--fork",
            "catalog",
            "--fork",
            "pricing=java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact}"
                + " dev.prooflane.examples.shop.pricing.PricingDiscountMain",
            "--skill",
            "product-contract",
            "--out",
            out.toString());

    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(5);
    String where =
        "catalog's calls to pricing carried neither the key nor its trace: catalog (sandbox"
            + " validate-";
    String callSite =
        ") dropped it at dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71);"
            + " last keyed hop: catalog (sandbox validate-";
    assertThat(result.out()).contains("INCONCLUSIVE").contains(where).contains(callSite);
    Path report = out.resolve("product-contract");
    assertThat(report.resolve("report.md"))
        .content()
        .contains("dropped it at dev.prooflane.examples.shop.http.Downstream.get");
    assertThat(report.resolve("report.html"))
        .content()
        .contains(
            "the drop detector named the call site"
                + " dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)");
    JsonNode drop =
        Json.mapper()
            .readTree(report.resolve("statement.json").toFile())
            .at("/predicate/prooflane/coverage/keyTrail/drops/0");
    assertThat(drop.path("service").asText()).isEqualTo("catalog");
    assertThat(drop.path("destination").asText()).startsWith("validate-");
    assertThat(drop.at("/callSite/class").asText())
        .isEqualTo("dev.prooflane.examples.shop.http.Downstream");
    assertThat(drop.at("/callSite/line").asInt()).isEqualTo(71);
    assertThat(drop.at("/detected/0/outbound/target").asText()).endsWith("/prices/1");
  }

  @Test
  void refusesAPathWithoutSlashAndAnUnknownServiceNamingTheKnownOnes() throws Exception {
    CliProcess.Result noSlash = cli("probe", "frontend", "products/1");
    assertThat(noSlash.exitCode()).isEqualTo(2);
    assertThat(noSlash.err())
        .contains("PATH: 'products/1' (expected: a path starting with '/', such as /products/1)");

    CliProcess.Result unknown = cli("probe", "billing", "/x");
    assertThat(unknown.exitCode()).isEqualTo(3);
    assertThat(unknown.err())
        .contains("service 'billing' not found")
        .contains("catalog")
        .contains("frontend");
  }

  @Test
  void withoutADaemonSaysHowToStartOne() throws Exception {
    CliProcess.Result none =
        CliProcess.run(
            dir, "probe", "frontend", "/products/1", "--state-dir", dir.resolve("none").toString());
    assertThat(none.exitCode()).isEqualTo(3);
    assertThat(none.err()).contains("no daemon is running").contains("prooflane up --detach");
  }
}
