package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.frontend.FrontendService;
import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.ShopServer;
import dev.prooflane.examples.shop.inventory.InventoryService;
import dev.prooflane.examples.shop.pricing.PricingVariant;
import dev.prooflane.examples.shop.warehouse.WarehouseClient;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopChainTest {
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private RunningShop shop;

  @BeforeEach
  void start() throws Exception {
    shop = RunningShop.start(PricingVariant.BASELINE, "pr-42");
  }

  @AfterEach
  void stop() {
    shop.close();
  }

  @Test
  void productMergesCatalogPriceAndStockWithHopsInCallOrder() {
    Answer answer = TestHttp.get(shop.frontendUrl(), "/products/1");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode product = answer.body();
    assertThat(product.get("id").asText()).isEqualTo("1");
    assertThat(product.get("name").asText()).isEqualTo("Espresso cup");
    assertThat(product.get("description").asText()).isNotBlank();
    assertThat(product.get("price").isNumber()).isTrue();
    assertThat(product.get("price").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(product.get("currency").asText()).isEqualTo("EUR");
    assertThat(product.get("inStock").asBoolean()).isTrue();
    assertThat(product.get("hops"))
        .isEqualTo(
            TestHttp.json(
                "[{\"service\":\"frontend\",\"servedBy\":\"baseline\"},"
                    + "{\"service\":\"catalog\",\"servedBy\":\"baseline\"},"
                    + "{\"service\":\"pricing\",\"servedBy\":\"pr-42\"},"
                    + "{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                    + "{\"service\":\"warehouse\",\"servedBy\":\"baseline\"}]"));
  }

  @Test
  void pricesAreDeterministicAndStockDiffersPerItem() {
    BigDecimal first =
        TestHttp.get(shop.frontendUrl(), "/products/4").body().get("price").decimalValue();
    Answer again = TestHttp.get(shop.frontendUrl(), "/products/4");

    assertThat(again.body().get("price").decimalValue()).isEqualTo(first);
    assertThat(first).isEqualByComparingTo("149.00");
    assertThat(again.body().get("inStock").asBoolean()).isFalse();
  }

  @Test
  void baggageArrivingAtFrontendReachesPricing() {
    Answer answer =
        TestHttp.get(
            shop.frontendUrl(),
            "/products/2",
            "traceparent",
            TRACEPARENT,
            "baggage",
            "prooflane-key=pr-42,team=shop");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(shop.frontendLog.out())
        .contains("frontend baseline GET /products/2 status=200 key=pr-42");
    assertThat(shop.catalogLog.out())
        .contains("catalog baseline GET /items/2 status=200 key=pr-42");
    assertThat(shop.pricingLog.out()).contains("pricing pr-42 GET /prices/2 status=200 key=pr-42");
    assertThat(shop.inventoryLog.out())
        .contains("inventory baseline GET /stock/2 status=200 key=pr-42");
    assertThat(shop.warehouseLog.out())
        .contains("warehouse baseline POST /shop.Warehouse/Stock status=OK key=pr-42");
  }

  @Test
  void requestWithoutBaggageLogsNoKey() {
    TestHttp.get(shop.frontendUrl(), "/products/3", "x-prooflane-key", "pr-42");

    // the header is the router's business; services propagate baggage only
    assertThat(shop.frontendLog.out())
        .contains("frontend baseline GET /products/3 status=200 key=-");
    assertThat(shop.pricingLog.out()).contains("pricing pr-42 GET /prices/3 status=200 key=-");
    assertThat(shop.warehouseLog.out())
        .contains("warehouse baseline POST /shop.Warehouse/Stock status=OK key=-");
  }

  @Test
  void healthAnswersUpWithoutHops() {
    Answer answer = TestHttp.get(shop.pricing.url(), "/health");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(TestHttp.json("{\"status\":\"UP\"}"));
  }

  @Test
  void unknownProductIs404WithTheHopsThatAnswered() {
    Answer answer = TestHttp.get(shop.frontendUrl(), "/products/9");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("error").asText()).isEqualTo("not_found");
    assertThat(answer.body().get("id").asText()).isEqualTo("9");
    assertThat(answer.body().get("hops").findValuesAsText("service"))
        .containsExactly("frontend", "catalog");
  }

  @Test
  void unknownRouteIs404AndNamesTheExpectedOne() {
    Answer answer = TestHttp.get(shop.catalog.url(), "/prices/1");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("message").asText()).contains("GET /items/{id}");
  }

  @Test
  void pricingFailureSurfacesAs502AtEveryHop() throws Exception {
    shop.close();
    shop = RunningShop.start(PricingVariant.REGRESSION, "pr-13");

    Answer answer = TestHttp.get(shop.frontendUrl(), "/products/3");

    assertThat(answer.status()).isEqualTo(502);
    JsonNode body = answer.body();
    assertThat(body.get("error").asText()).isEqualTo("downstream_failed");
    assertThat(body.get("service").asText()).isEqualTo("catalog");
    assertThat(body.get("status").asInt()).isEqualTo(502);
    JsonNode fromCatalog = body.get("body");
    assertThat(fromCatalog.get("service").asText()).isEqualTo("pricing");
    assertThat(fromCatalog.get("status").asInt()).isEqualTo(500);
    assertThat(fromCatalog.get("body").get("error").asText()).isEqualTo("internal");
    assertThat(body.get("hops").findValuesAsText("servedBy"))
        .containsExactly("baseline", "baseline", "pr-13");
    assertThat(shop.catalogLog.err())
        .contains("ERROR catalog: pricing answered 500 for GET /items/3");
    assertThat(shop.frontendLog.err())
        .contains("ERROR frontend: catalog answered 502 for GET /products/3");
  }

  @Test
  void unreachableDownstreamIs502WithNullStatus() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    CapturedConsole log = new CapturedConsole();
    try (ShopServer frontend =
        ShopServer.start(
            new FrontendService(
                Downstream.to("catalog", shop.catalog.url()), Downstream.to("inventory", closed)),
            "baseline",
            0,
            log.console)) {
      Answer answer = TestHttp.get(frontend.url(), "/products/1");

      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body().get("service").asText()).isEqualTo("inventory");
      assertThat(answer.body().get("status").isNull()).isTrue();
      assertThat(answer.body().get("body").asText()).contains("no response from " + closed);
      assertThat(answer.body().get("hops").findValuesAsText("service"))
          .containsExactly("frontend", "catalog", "pricing");
    }
  }

  @Test
  void unreachableWarehouseIs502WithItsGrpcStatusAtEveryHop() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CapturedConsole inventoryLog = new CapturedConsole();
    CapturedConsole frontendLog = new CapturedConsole();
    try (ShopServer inventory =
            ShopServer.start(
                new InventoryService(WarehouseClient.to("127.0.0.1:" + closed)),
                "baseline",
                0,
                inventoryLog.console);
        ShopServer frontend =
            ShopServer.start(
                new FrontendService(
                    Downstream.to("catalog", shop.catalog.url()),
                    Downstream.to("inventory", inventory.url())),
                "baseline",
                0,
                frontendLog.console)) {
      Answer answer = TestHttp.get(frontend.url(), "/products/1");

      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.body().get("service").asText()).isEqualTo("inventory");
      JsonNode fromInventory = answer.body().get("body");
      assertThat(fromInventory.get("error").asText()).isEqualTo("downstream_failed");
      assertThat(fromInventory.get("service").asText()).isEqualTo("warehouse");
      assertThat(fromInventory.get("grpcStatus").asText()).isEqualTo("UNAVAILABLE");
      // no warehouse answered, so no instance of it is a hop
      assertThat(answer.body().get("hops").findValuesAsText("service"))
          .containsExactly("frontend", "catalog", "pricing", "inventory");
      assertThat(inventoryLog.err())
          .contains("ERROR inventory: warehouse answered UNAVAILABLE for GET /stock/1");
    }
  }
}
