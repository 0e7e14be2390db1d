package dev.prooflane.examples.shop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged {@code target/shop.jar} run as real processes with the commands from {@code
 * prooflane.yaml}, services talking to each other directly (no router).
 */
class ShopProcessIT {
  /** As long as {@code prooflane.yaml} gives them: a JVM starts slowly on a busy machine. */
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);

  private static Path jar;
  private static Environment env;

  @TempDir Path logs;
  private final Map<String, Integer> ports = new HashMap<>();
  private final List<ShopProcess> running = new ArrayList<>();

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("shop.jar", "target/shop.jar")).toAbsolutePath();
    assertThat(jar).as("run mvn package first").exists();
    env = EnvironmentReader.read(Path.of("prooflane.yaml"));
  }

  @AfterEach
  void stopAll() {
    for (ShopProcess process : running) {
      process.close();
    }
  }

  /**
   * Starts {@code service} from its yaml command, with {@code mainClass} instead of the declared
   * one, as instance {@code sandbox}; returns once healthy.
   */
  private ShopProcess start(String service, String mainClass, String sandbox) throws Exception {
    ServiceSpec spec = env.service(service);
    int port = ShopProcess.freePort();
    ports.put(service, port);
    Map<String, String> values = new HashMap<>();
    values.put("port", Integer.toString(port));
    values.put("sandbox", sandbox);
    values.put("artifact", jar.toString());
    values.put("dir", env.baseDir().toString());
    ports.forEach(
        (name, p) -> {
          values.put("services." + name + ".url", "http://127.0.0.1:" + p);
          values.put("services." + name + ".host", "127.0.0.1");
          values.put("services." + name + ".port", Integer.toString(p));
        });
    List<String> command = new ArrayList<>();
    spec.command().forEach(word -> command.add(Placeholders.resolve(word, values)));
    command.set(command.size() - 1, mainClass);
    Map<String, String> vars = new LinkedHashMap<>();
    spec.env().forEach((name, value) -> vars.put(name, Placeholders.resolve(value, values)));
    if (!"baseline".equals(sandbox)) {
      // what Prooflane's local runtime adds to a fork's environment
      vars.put("PROOFLANE_SANDBOX", sandbox);
    }
    ShopProcess process = ShopProcess.start(service, command, vars, logs);
    running.add(process);
    Duration took =
        spec.protocol() == Protocol.GRPC
            ? process.awaitServing(port, HEALTHY_WITHIN)
            : process.awaitHealthy(port, HEALTHY_WITHIN);
    System.out.printf("%s (%s) healthy after %d ms%n", service, mainClass, took.toMillis());
    return process;
  }

  private URI url(String service) {
    return URI.create("http://127.0.0.1:" + ports.get(service));
  }

  @Test
  void shopFromProoflaneYamlServesTheChainWithAForkedPricing() throws Exception {
    ShopProcess pricing =
        start("pricing", "dev.prooflane.examples.shop.pricing.PricingDiscountMain", "pr-42");
    ShopProcess warehouse =
        start("warehouse", "dev.prooflane.examples.shop.warehouse.WarehouseMain", "baseline");
    start("inventory", "dev.prooflane.examples.shop.inventory.InventoryMain", "baseline");
    ShopProcess catalog =
        start("catalog", "dev.prooflane.examples.shop.catalog.CatalogMain", "baseline");
    start("frontend", "dev.prooflane.examples.shop.frontend.FrontendMain", "baseline");

    Answer answer = TestHttp.get(url("frontend"), "/products/1", "baggage", "prooflane-key=pr-42");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode product = answer.body();
    assertThat(product.get("price").decimalValue()).isEqualTo("11.25");
    assertThat(product.get("listPrice").decimalValue()).isEqualTo("12.50");
    assertThat(product.get("discount").asText()).isEqualTo("10%");
    assertThat(product.get("hops").toString())
        .isEqualTo(
            "[{\"service\":\"frontend\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"catalog\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"pricing\",\"servedBy\":\"pr-42\"},"
                + "{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"warehouse\",\"servedBy\":\"baseline\"}]");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(pricing.out())
                    .contains(
                        "pricing: applied discount 10% to item 1",
                        "pricing pr-42 GET /prices/1 status=200 key=pr-42"));
    assertThat(catalog.out()).contains("catalog baseline GET /items/1 status=200 key=pr-42");
    assertThat(pricing.err()).isEmpty();
    assertThat(warehouse.out())
        .contains("warehouse baseline POST /shop.Warehouse/Stock status=OK key=pr-42");
  }

  @Test
  void forkedWarehouseAnswersInventoryOverGrpcWithTheKey() throws Exception {
    ShopProcess warehouse =
        start("warehouse", "dev.prooflane.examples.shop.warehouse.WarehouseRestockedMain", "pr-7");
    ShopProcess inventory =
        start("inventory", "dev.prooflane.examples.shop.inventory.InventoryMain", "baseline");

    Answer keyed = TestHttp.get(url("inventory"), "/stock/4", "baggage", "prooflane-key=pr-7");

    assertThat(keyed.status()).isEqualTo(200);
    assertThat(keyed.body().get("inStock").asBoolean()).isTrue();
    assertThat(keyed.body().get("hops").toString())
        .isEqualTo(
            "[{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"warehouse\",\"servedBy\":\"pr-7\"}]");
    assertThat(warehouse.out())
        .contains(
            "warehouse: item 4 restocked, 8 on hand",
            "warehouse pr-7 POST /shop.Warehouse/Stock status=OK key=pr-7")
        .anyMatch(line -> line.startsWith("warehouse pr-7 listening on 127.0.0.1:"));
    assertThat(inventory.out()).contains("inventory baseline GET /stock/4 status=200 key=pr-7");
    assertThat(warehouse.err()).isEmpty();
    assertThat(inventory.err()).isEmpty();
  }

  @Test
  void catalogDropsKeyLosesTheKeyBeforePricing() throws Exception {
    ShopProcess pricing =
        start("pricing", "dev.prooflane.examples.shop.pricing.PricingMain", "baseline");
    ShopProcess catalog =
        start("catalog", "dev.prooflane.examples.shop.catalog.CatalogDropsKeyMain", "baseline");

    Answer answer = TestHttp.get(url("catalog"), "/items/2", "baggage", "prooflane-key=pr-42");

    assertThat(answer.status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(pricing.out())
                    .contains("pricing baseline GET /prices/2 status=200 key=-"));
    assertThat(catalog.out()).contains("catalog baseline GET /items/2 status=200 key=pr-42");
  }

  @Test
  void regressionAnswersAStringPriceAndFailsItemThreeWithErrorLines() throws Exception {
    ShopProcess pricing =
        start("pricing", "dev.prooflane.examples.shop.pricing.PricingRegressionMain", "pr-13");

    Answer ok = TestHttp.get(url("pricing"), "/prices/1");
    Answer broken = TestHttp.get(url("pricing"), "/prices/3");

    assertThat(ok.body().get("price").isTextual()).isTrue();
    assertThat(ok.body().get("price").asText()).isEqualTo("11.25");
    assertThat(broken.status()).isEqualTo(500);
    assertThat(broken.body().get("error").asText()).isEqualTo("internal");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(pricing.err()).anyMatch(line -> line.startsWith("ERROR pricing: ")));
  }

  @Test
  void aClientThatHangsUpBeforeReadingItsAnswerIsNoErrorOfTheService() throws Exception {
    ShopProcess pricing =
        start("pricing", "dev.prooflane.examples.shop.pricing.PricingMain", "baseline");
    byte[] health = "GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".getBytes(US_ASCII);
    String answered = "pricing baseline GET /health status=200 key=-";
    long answeredBefore = pricing.out().stream().filter(answered::equals).count();
    // Many requests at once and a small receive buffer, never read: the answers fill the buffers,
    // so the service is still writing when the client hangs up.
    Socket client = new Socket();
    client.setReceiveBufferSize(1024);
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get("pricing")));
    Thread writer =
        new Thread(
            () -> {
              try {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < 20_000; i++) {
                  out.write(health);
                }
                out.flush();
              } catch (IOException e) {
                // the client hung up before every request was sent: enough were
              }
            },
            "pipelining-writer");
    writer.start();
    try {
      await()
          .atMost(HEALTHY_WITHIN)
          .until(() -> pricing.out().stream().filter(answered::equals).count() > answeredBefore);
      client.setSoLinger(true, 0);
    } finally {
      client.close();
      writer.join();
    }

    String wentAway =
        "WARN pricing: GET /health: client went away before the response was written (";
    await()
        .atMost(HEALTHY_WITHIN)
        .until(
            () ->
                !pricing.err().isEmpty()
                    || pricing.out().stream().anyMatch(line -> line.startsWith(wentAway)));
    assertThat(pricing.err()).isEmpty();
    assertThat(pricing.out())
        .anyMatch(line -> line.startsWith(wentAway))
        .noneMatch(line -> line.contains("ERROR") || line.contains("Exception"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.prooflane.examples.shop.pricing.PricingMain",
        "dev.prooflane.examples.shop.pricing.PricingDiscountMain",
        "dev.prooflane.examples.shop.pricing.PricingRegressionMain",
        "dev.prooflane.examples.shop.inventory.InventoryMain",
        "dev.prooflane.examples.shop.warehouse.WarehouseMain",
        "dev.prooflane.examples.shop.warehouse.WarehouseRestockedMain",
        "dev.prooflane.examples.shop.catalog.CatalogMain",
        "dev.prooflane.examples.shop.catalog.CatalogDropsKeyMain",
        "dev.prooflane.examples.shop.frontend.FrontendMain"
      })
  void missingPortExitsWith2AndSaysWhatToSet(String mainClass) throws Exception {
    ShopProcess process =
        ShopProcess.start(
            "no-port", List.of(java(), "-cp", jar.toString(), mainClass), Map.of(), logs);
    running.add(process);

    assertThat(process.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
    assertThat(process.err())
        .singleElement()
        .asString()
        .endsWith(
            ": environment variable PORT is not set (set it to the port to listen on, e.g."
                + " PORT=8080)");
    assertThat(process.out()).isEmpty();
  }

  @Test
  void frontendWithoutDownstreamUrlsExitsWith2() throws Exception {
    ShopProcess process =
        ShopProcess.start(
            "frontend",
            List.of(
                java(), "-cp", jar.toString(), "dev.prooflane.examples.shop.frontend.FrontendMain"),
            Map.of("PORT", Integer.toString(ShopProcess.freePort())),
            logs);
    running.add(process);

    assertThat(process.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
    assertThat(process.err())
        .singleElement()
        .asString()
        .startsWith("frontend: environment variable CATALOG_URL is not set");
  }

  @Test
  void inventoryWithoutWarehouseTargetExitsWith2() throws Exception {
    ShopProcess process =
        ShopProcess.start(
            "inventory",
            List.of(
                java(),
                "-cp",
                jar.toString(),
                "dev.prooflane.examples.shop.inventory.InventoryMain"),
            Map.of("PORT", Integer.toString(ShopProcess.freePort())),
            logs);
    running.add(process);

    assertThat(process.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
    assertThat(process.err())
        .singleElement()
        .asString()
        .isEqualTo(
            "inventory: environment variable WAREHOUSE_TARGET is not set (set it to host:port of"
                + " the warehouse gRPC service, e.g. WAREHOUSE_TARGET=127.0.0.1:8084)");
  }

  private static String java() {
    Path bin = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(bin) ? bin.toString() : "java";
  }
}
