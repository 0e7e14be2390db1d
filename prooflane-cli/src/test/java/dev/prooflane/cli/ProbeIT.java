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
 * {@code prooflane probe} against a real daemon running the demo shop whose catalog drops the key
 * ({@code CatalogDropsKeyMain}) with {@code propagation: detect}: the real OpenTelemetry agent and
 * drop detector in the catalog (baseline and fork), the only JVMs of the class with the agent.
 */
class ProbeIT {
  private static final String SHOP = "dev.prooflane.examples.shop.";
  private static final String DOWNSTREAM =
      "src/main/java/dev/prooflane/examples/shop/http/Downstream.java";
  @TempDir static Path dir;

  /** The call site of the demo's dropping call, its line read from the shop's source. */
  private static String callSite;

  /** Its line: the HttpClient {@code send(} in {@code Downstream.get}. */
  private static int sendLine;

  static CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.inState(dir, args);
  }

  @BeforeAll
  static void up() throws Exception {
    sendLine = sendLineOfDownstreamGet(CliProcess.SYNC_SHOP.resolveSibling(DOWNSTREAM));
    callSite = SHOP + "http.Downstream.get(Downstream.java:" + sendLine + ")";
    Path shopJar = CliProcess.SYNC_SHOP.resolveSibling("target/shop.jar");
    String env =
        Files.readString(CliProcess.SYNC_SHOP)
            .replace("target/shop.jar", shopJar.toString())
            .replace("timeout: 30s", "timeout: 120s")
            .replace(SHOP + "catalog.CatalogMain", SHOP + "catalog.CatalogDropsKeyMain")
            .replace("  catalog:\n", "  catalog:\n    propagation: detect\n")
            .replace(
                "name: shop\n",
                "name: shop\nskills: " + CliProcess.SYNC_SHOP.resolveSibling("skills") + "\n");
    assertThat(env)
        .contains("catalog.CatalogDropsKeyMain")
        .contains("propagation: detect")
        .contains("skills: /");
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(file, env);
    CliProcess.Result up = cli("up", "--detach", "--api-port", "0", "-f", file.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
  }

  /**
   * The line of the first {@code send(} after {@code Downstream.get}'s declaration in {@code
   * source}: the line the JVM reports for the call.
   */
  private static int sendLineOfDownstreamGet(Path source) throws Exception {
    List<String> lines = Files.readAllLines(source);
    int get = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (get < 0 && lines.get(i).contains(" DownstreamReply get(")) {
        get = i;
      } else if (get >= 0 && lines.get(i).contains(".send(")) {
        return i + 1;
      }
    }
    throw new AssertionError("no send( in Downstream.get of " + source);
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
        .contains("call site: " + callSite)
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
    assertThat(stop.at("/callSites/0/line").asInt()).isEqualTo(sendLine);
    assertThat(result.path("drops")).hasSize(1);
    assertThat(result.at("/drops/0/key").asText()).isEqualTo(key);
    assertThat(result.at("/drops/0/outbound/target").asText()).endsWith("/prices/2");
    assertThat(result.at("/drops/0/traceId").asText())
        .as("the detector saw the request's trace, which catalog's code does not forward")
        .isEqualTo(result.path("traceId").asText());
    assertThat(result.at("/drops/0/inbound/target").asText()).isEqualTo("/items/2");
    assertThat(result.at("/drops/0/stack/0").asText()).isEqualTo(callSite);
    assertThat(result.at("/drops/0/stack/1").asText())
        .startsWith(SHOP + "catalog.CatalogService.handle(");
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
    String droppedAt =
        ") dropped it at " + callSite + "; last keyed hop: catalog (sandbox validate-";
    assertThat(result.out()).contains("INCONCLUSIVE").contains(where).contains(droppedAt);
    Path report = out.resolve("product-contract");
    assertThat(report.resolve("report.md"))
        .content()
        .contains("dropped it at dev.prooflane.examples.shop.http.Downstream.get");
    assertThat(report.resolve("report.html"))
        .content()
        .contains("the drop detector named the call site " + callSite);
    JsonNode drop =
        Json.mapper()
            .readTree(report.resolve("statement.json").toFile())
            .at("/predicate/prooflane/coverage/keyTrail/drops/0");
    assertThat(drop.path("service").asText()).isEqualTo("catalog");
    assertThat(drop.path("destination").asText()).startsWith("validate-");
    assertThat(drop.at("/callSite/class").asText())
        .isEqualTo("dev.prooflane.examples.shop.http.Downstream");
    assertThat(drop.at("/callSite/line").asInt()).isEqualTo(sendLine);
    assertThat(drop.at("/detected/0/outbound/target").asText()).endsWith("/prices/1");
    assertThat(drop.at("/detected/0/traceId").asText())
        .as("the detector saw the trace of the keyed request catalog served")
        .isEqualTo(drop.at("/keyedHop/traceId").asText())
        .hasSize(32);
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
