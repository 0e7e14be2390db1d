package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.grpc.GrpcServer;
import dev.prooflane.examples.shop.http.ShopServer;
import dev.prooflane.examples.shop.inventory.InventoryService;
import dev.prooflane.examples.shop.warehouse.WarehouseClient;
import dev.prooflane.examples.shop.warehouse.WarehouseService;
import dev.prooflane.examples.shop.warehouse.WarehouseVariant;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What inventory sends to the warehouse in gRPC metadata, seen by the real warehouse. */
class GrpcPropagationTest {
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String TRACESTATE = "prooflane=pr-42,vendor=abc";

  private final List<Metadata> received = new CopyOnWriteArrayList<>();
  private final CapturedConsole warehouseLog = new CapturedConsole();
  private final CapturedConsole inventoryLog = new CapturedConsole();
  private GrpcServer warehouse;
  private ShopServer inventory;

  @BeforeEach
  void start() throws Exception {
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            received.add(headers);
            return next.startCall(call, headers);
          }
        };
    warehouse =
        GrpcServer.start(
            "warehouse",
            "wh-1",
            0,
            warehouseLog.console,
            ServerInterceptors.intercept(
                new WarehouseService(WarehouseVariant.BASELINE, warehouseLog.console), recorder));
    inventory =
        ShopServer.start(
            new InventoryService(WarehouseClient.to(warehouse.address())),
            "baseline",
            0,
            inventoryLog.console);
  }

  @AfterEach
  void stop() {
    inventory.close();
    warehouse.close();
  }

  private Metadata onlyCall() {
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  private static String first(Metadata metadata, String name) {
    return metadata.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
  }

  @Test
  void inventoryForwardsTraceContextAndBaggageAsMetadata() {
    Answer answer =
        TestHttp.get(
            inventory.url(),
            "/stock/1",
            "traceparent",
            TRACEPARENT,
            "tracestate",
            TRACESTATE,
            "baggage",
            "prooflane-key=pr-42,team=shop");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("inStock").asBoolean()).isTrue();
    Metadata sent = onlyCall();
    assertThat(first(sent, "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(first(sent, "tracestate")).isEqualTo(TRACESTATE);
    assertThat(first(sent, "baggage")).contains("prooflane-key=pr-42").contains("team=shop");
    assertThat(warehouseLog.out())
        .contains("warehouse wh-1 POST /shop.Warehouse/Stock status=OK key=pr-42");
    assertThat(answer.body().get("hops").toString())
        .isEqualTo(
            "[{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"warehouse\",\"servedBy\":\"wh-1\"}]");
  }

  @Test
  void inventoryDoesNotForwardTheKeyHeader() {
    TestHttp.get(inventory.url(), "/stock/2", "x-prooflane-key", "pr-42");

    Metadata sent = onlyCall();
    assertThat(first(sent, "x-prooflane-key")).isNull();
    assertThat(first(sent, "baggage")).isNull();
    assertThat(warehouseLog.out())
        .contains("warehouse wh-1 POST /shop.Warehouse/Stock status=OK key=-");
  }

  @Test
  void unknownItemIs404WithTheWarehouseHop() {
    Answer answer = TestHttp.get(inventory.url(), "/stock/9");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("error").asText()).isEqualTo("not_found");
    assertThat(answer.body().get("hops").findValuesAsText("servedBy"))
        .containsExactly("baseline", "wh-1");
  }
}
