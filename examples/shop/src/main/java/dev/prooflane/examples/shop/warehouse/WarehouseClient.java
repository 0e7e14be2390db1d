package dev.prooflane.examples.shop.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.grpc.ContextInjector;
import dev.prooflane.examples.shop.grpc.GrpcServer;
import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls the warehouse over one gRPC channel, carrying the context of the request being served in
 * the call's metadata, and records which instance served each call (its {@link
 * GrpcServer#SERVED_BY} trailer) as a hop of that request.
 */
public final class WarehouseClient implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 10;

  private final ManagedChannel channel;
  private final Channel propagating;

  private WarehouseClient(ManagedChannel channel) {
    this.channel = requireNonNull(channel, "channel");
    this.propagating = ClientInterceptors.intercept(channel, new ContextInjector());
  }

  /**
   * A client of the warehouse at {@code target} ({@code host:port}, cleartext HTTP/2). It starts
   * connecting at once, in the background, so the first call does not pay for loading gRPC and
   * Netty (about 0.4 s); a warehouse that is not there yet is retried, with backoff.
   */
  public static WarehouseClient to(String target) {
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    channel.getState(true);
    return new WarehouseClient(channel);
  }

  /**
   * What {@code shop.Warehouse/Stock} answered.
   *
   * @param status the call's status
   * @param quantity how many are on hand; 0 unless the status is OK
   */
  public record Stock(Status status, int quantity) {
    public Stock {
      requireNonNull(status, "status");
    }
  }

  /** Asks how many of {@code request}'s item are on hand, on behalf of {@code request}. */
  public Stock stock(ItemRequest request) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    Channel call =
        ClientInterceptors.intercept(
            propagating,
            MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers));
    Stock stock;
    Scope scope = request.context().makeCurrent();
    try {
      ObjectNode answer =
          ClientCalls.blockingUnaryCall(
              call,
              Warehouse.STOCK,
              CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS),
              Json.object().put("id", request.id()));
      JsonNode quantity = answer.path("quantity");
      stock =
          quantity.isInt()
              ? new Stock(Status.OK, quantity.asInt())
              : new Stock(
                  Status.INTERNAL.withDescription(
                      "the warehouse answered " + answer + " (expected: an integer quantity)"),
                  0);
    } catch (StatusRuntimeException e) {
      stock = new Stock(e.getStatus(), 0);
    } finally {
      scope.close();
    }
    Metadata received = trailers.get();
    String servedBy = received == null ? null : received.get(GrpcServer.SERVED_BY);
    if (servedBy != null) {
      request.addHop("warehouse", servedBy);
    }
    return stock;
  }

  /** Closes the channel; calls in progress are cancelled. */
  @Override
  public void close() {
    channel.shutdownNow();
  }
}
