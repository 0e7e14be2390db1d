package dev.prooflane.examples.shop.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.Json;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/** Implements {@link Warehouse#STOCK}: how many of items 1 to 5 are on hand. */
public final class WarehouseService implements BindableService {
  static final Map<String, Integer> ON_HAND = Map.of("1", 12, "2", 5, "3", 30, "4", 0, "5", 140);

  /** The item the restock brings back, and how many arrived. */
  private static final String RESTOCKED_ITEM = "4";

  private static final int DELIVERED = 8;

  private final WarehouseVariant variant;
  private final Console console;

  /** The warehouse as {@code variant}, logging to {@code console}. */
  public WarehouseService(WarehouseVariant variant, Console console) {
    this.variant = requireNonNull(variant, "variant");
    this.console = requireNonNull(console, "console");
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder(Warehouse.SERVICE)
        .addMethod(Warehouse.STOCK, ServerCalls.asyncUnaryCall(this::stock))
        .build();
  }

  private void stock(ObjectNode request, StreamObserver<ObjectNode> answer) {
    JsonNode id = request.path("id");
    if (!id.isTextual() || id.asText().isEmpty()) {
      answer.onError(
          Status.INVALID_ARGUMENT
              .withDescription("id: " + id + " (expected: an item id such as \"1\")")
              .asRuntimeException());
      return;
    }
    Integer onHand = onHand(id.asText());
    if (onHand == null) {
      answer.onError(
          Status.NOT_FOUND.withDescription("no item " + id.asText()).asRuntimeException());
      return;
    }
    answer.onNext(Json.object().put("id", id.asText()).put("quantity", onHand));
    answer.onCompleted();
  }

  private Integer onHand(String id) {
    if (variant == WarehouseVariant.RESTOCKED && RESTOCKED_ITEM.equals(id)) {
      console.out().println("warehouse: item " + id + " restocked, " + DELIVERED + " on hand");
      return DELIVERED;
    }
    return ON_HAND.get(id);
  }
}
