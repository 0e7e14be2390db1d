package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.grpc.GrpcServer;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.warehouse.Warehouse;
import dev.prooflane.examples.shop.warehouse.WarehouseService;
import dev.prooflane.examples.shop.warehouse.WarehouseVariant;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The warehouse called directly with a grpc-java client, as inventory calls it. */
class WarehouseTest {
  private final CapturedConsole log = new CapturedConsole();
  private final AtomicReference<Metadata> trailers = new AtomicReference<>();
  private GrpcServer warehouse;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    warehouse.close();
  }

  private void start(WarehouseVariant variant) throws Exception {
    warehouse =
        GrpcServer.start(
            "warehouse",
            "pr-7",
            0,
            log.console,
            new WarehouseService(variant, log.console).bindService());
    channel =
        Grpc.newChannelBuilder(warehouse.address(), InsecureChannelCredentials.create()).build();
  }

  /** Calls {@code shop.Warehouse/Stock} with {@code request} and {@code metadata}. */
  private ObjectNode stock(ObjectNode request, Metadata metadata) {
    return ClientCalls.blockingUnaryCall(
        ClientInterceptors.intercept(
            channel,
            MetadataUtils.newAttachHeadersInterceptor(metadata),
            MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers)),
        Warehouse.STOCK,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        request);
  }

  private ObjectNode stock(String id) {
    return stock(Json.object().put("id", id), new Metadata());
  }

  @ParameterizedTest
  @CsvSource({"1, 12", "2, 5", "3, 30", "4, 0", "5, 140"})
  void stockAnswersTheQuantityOnHand(String id, int quantity) throws Exception {
    start(WarehouseVariant.BASELINE);

    ObjectNode answer = stock(id);

    assertThat(answer.toString())
        .isEqualTo("{\"id\":\"" + id + "\",\"quantity\":" + quantity + "}");
    assertThat(trailers.get().get(GrpcServer.SERVED_BY)).isEqualTo("pr-7");
  }

  @Test
  void unknownItemIsNotFoundAndStillSaysWhoServedIt() throws Exception {
    start(WarehouseVariant.BASELINE);

    assertThatThrownBy(() -> stock("9"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).isEqualTo("no item 9");
            });
    assertThat(trailers.get().get(GrpcServer.SERVED_BY)).isEqualTo("pr-7");
    assertThat(log.out())
        .contains("warehouse pr-7 POST /shop.Warehouse/Stock status=NOT_FOUND key=-");
    assertThat(log.err()).isEmpty();
  }

  @Test
  void requestWithoutAnIdIsInvalidArgument() throws Exception {
    start(WarehouseVariant.BASELINE);

    assertThatThrownBy(() -> stock(Json.object().put("item", "1"), new Metadata()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).startsWith("id: ");
            });
  }

  @Test
  void restockBringsItemFourBackAndLogsIt() throws Exception {
    start(WarehouseVariant.RESTOCKED);

    assertThat(stock("4").path("quantity").asInt()).isEqualTo(8);
    assertThat(stock("1").path("quantity").asInt()).isEqualTo(12);
    assertThat(log.out()).contains("warehouse: item 4 restocked, 8 on hand");
  }

  @Test
  void callLogShowsTheRoutingKeyFromTheBaggageInMetadata() throws Exception {
    start(WarehouseVariant.BASELINE);
    Metadata metadata = new Metadata();
    metadata.put(
        Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER),
        "team=shop,prooflane-key=pr-42");

    stock(Json.object().put("id", "2"), metadata);

    assertThat(log.out()).contains("warehouse pr-7 POST /shop.Warehouse/Stock status=OK key=pr-42");
  }

  @Test
  void healthServiceAnswersServingForTheWholeServer() throws Exception {
    start(WarehouseVariant.BASELINE);

    HealthCheckResponse health =
        HealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance());

    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(log.out())
        .contains("warehouse pr-7 POST /grpc.health.v1.Health/Check status=OK key=-");
  }
}
