package dev.prooflane.routing.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.Protocol;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.SandboxRoute;
import dev.prooflane.routing.Upstream;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gRPC through the router with grpc-java on both sides: the four kinds of call to the baseline and
 * to a fork by the key in metadata, statuses and trailers intact, and a call whose fork is down
 * answered UNAVAILABLE by the router, never by the baseline.
 */
class RouterGrpcTest {
  private static final Metadata.Key<String> KEY =
      Metadata.Key.of("x-prooflane-key", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> BAGGAGE =
      Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER);

  private EchoService baseline;
  private EchoService fork;
  private Router router;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    baseline = EchoService.start("baseline");
    fork = EchoService.start("fork");
    router = Router.start(RouterOptions.defaults());
    int port = router.listen("echo", 0);
    router.update(
        t ->
            t.withBaseline("echo", grpc(baseline, "baseline/echo#1"))
                .withSandbox(
                    new SandboxRoute(
                        "sbx-a",
                        new RoutingKey("key-a"),
                        Map.of("echo", new ForkTarget.Running(grpc(fork, "sbx-a/echo#1")))))
                .withSandbox(
                    new SandboxRoute(
                        "sbx-down",
                        new RoutingKey("key-down"),
                        Map.of("echo", new ForkTarget.Down("forks starting")))));
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    router.close();
    baseline.close();
    fork.close();
  }

  @Test
  void routesAUnaryCallByTheKeyInMetadataWithTrailersIntact() {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    Channel keyed = withKey(KEY, "key-a", trailers);

    String answer =
        ClientCalls.blockingUnaryCall(keyed, EchoService.SAY, CallOptions.DEFAULT, "hi");

    assertThat(answer).isEqualTo("fork:hi");
    assertThat(trailers.get().get(EchoService.SERVED_BY)).isEqualTo("fork");
    assertThat(fork.calls())
        .singleElement()
        .satisfies(m -> assertThat(m.get(KEY)).isEqualTo("key-a"));
    assertThat(
            ClientCalls.blockingUnaryCall(channel, EchoService.SAY, CallOptions.DEFAULT, "there"))
        .isEqualTo("baseline:there");
    await().atMost(Duration.ofSeconds(5)).until(() -> !router.hops().byKey("key-a").isEmpty());
    HopRecord hop = router.hops().byKey("key-a").get(0);
    assertThat(hop.path()).isEqualTo("/test.Echo/Say");
    assertThat(hop.destination()).isEqualTo("sbx-a");
    assertThat(hop.protocol()).isEqualTo(HopRecord.GRPC);
    assertThat(hop.grpcStatus()).isZero();
    assertThat(hop.bytesIn()).as("one framed message: 5 + 2 bytes").isEqualTo(7);
  }

  @Test
  void routesByBaggageAndStreamsFromTheServer() {
    Iterator<String> counted =
        ClientCalls.blockingServerStreamingCall(
            withKey(BAGGAGE, "user=1,prooflane-key=key-a", null),
            EchoService.COUNT,
            CallOptions.DEFAULT,
            "5");
    List<String> all = new ArrayList<>();
    counted.forEachRemaining(all::add);

    assertThat(all).containsExactly("fork:1", "fork:2", "fork:3", "fork:4", "fork:5");
  }

  @Test
  void streamsFromTheClientAndBothWays() throws Exception {
    Channel keyed = withKey(KEY, "key-a", null);
    CompletableFuture<String> joined = new CompletableFuture<>();
    StreamObserver<String> parts =
        ClientCalls.asyncClientStreamingCall(
            keyed.newCall(EchoService.JOIN, CallOptions.DEFAULT), collect(joined));
    for (String part : List.of("a", "b", "c")) {
      parts.onNext(part);
    }
    parts.onCompleted();
    assertThat(joined.get(10, TimeUnit.SECONDS)).isEqualTo("fork:a+b+c");

    List<String> echoed = new CopyOnWriteArrayList<>();
    CompletableFuture<String> chatted = new CompletableFuture<>();
    StreamObserver<String> chat =
        ClientCalls.asyncBidiStreamingCall(
            keyed.newCall(EchoService.CHAT, CallOptions.DEFAULT), recording(echoed, chatted));
    for (int i = 0; i < 100; i++) {
      chat.onNext("m" + i);
    }
    chat.onCompleted();
    chatted.get(10, TimeUnit.SECONDS);
    assertThat(echoed).hasSize(100).allMatch(m -> m.startsWith("fork:m"));
    assertThat(baseline.calls()).isEmpty();
  }

  @Test
  void answersACallWhoseForkIsDownWithUnavailableNamingSandboxAndServiceNeverTheBaseline() {
    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    withKey(KEY, "key-down", null), EchoService.SAY, CallOptions.DEFAULT, "hi"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(failure.getStatus().getDescription())
        .contains("sandbox 'sbx-down'")
        .contains("'echo'")
        .contains("NOT sent to the baseline");
    assertThat(
            failure
                .getTrailers()
                .get(Metadata.Key.of("prooflane-error", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("fork_unavailable");
    assertThat(baseline.calls()).isEmpty();
  }

  @Test
  void answersUnavailableWhenTheForkProcessRefusesConnections() {
    fork.close();

    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    withKey(KEY, "key-a", null), EchoService.SAY, CallOptions.DEFAULT, "hi"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(failure.getStatus().getDescription()).contains("sandbox 'sbx-a'");
    assertThat(baseline.calls()).isEmpty();
  }

  @Test
  void passesTheServicesOwnErrorStatusThrough() {
    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(channel, EchoService.FAIL, CallOptions.DEFAULT, "x"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure.getStatus().getDescription()).isEqualTo("no x");
    assertThat(failure.getTrailers().get(EchoService.SERVED_BY)).isEqualTo("baseline");
    // the hop is recorded once the answer has left: it may come a moment after the caller has it
    await().atMost(Duration.ofSeconds(5)).until(() -> !router.hops().recent(1).isEmpty());
    assertThat(router.hops().recent(1).get(0).grpcStatus()).isEqualTo(5);
  }

  @Test
  void cancelsTheUpstreamCallWhenTheDeadlinePasses() throws Exception {
    // connected and warm first: the deadline is the call's, not the first connection's
    ClientCalls.blockingUnaryCall(channel, EchoService.SAY, CallOptions.DEFAULT, "warm");

    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    channel,
                    EchoService.SLOW,
                    CallOptions.DEFAULT.withDeadlineAfter(500, TimeUnit.MILLISECONDS),
                    "x"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(baseline.slowCancelled(10)).as("the upstream call was cancelled").isTrue();
  }

  @Test
  void endsACallAtItsGrpcTimeoutEvenWhenTheCallerDoesNotCancel() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HttpClientAgent http2 =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setProtocolVersion(HttpVersion.HTTP_2)
                  .setHttp2ClearTextUpgrade(false));
      // a client that sends grpc-timeout but never cancels: the router ends the call
      HttpClientResponse answer =
          http2
              .request(
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setHost("127.0.0.1")
                      .setPort(router.listeners().get("echo"))
                      .setURI("/test.Echo/Slow")
                      .putHeader("content-type", "application/grpc")
                      .putHeader("te", "trailers")
                      .putHeader("grpc-timeout", "300m"))
              .compose(r -> r.send(Buffer.buffer(new byte[] {0, 0, 0, 0, 1, 'x'})))
              .await(20, TimeUnit.SECONDS);

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.getHeader("grpc-status")).isEqualTo("4");
      assertThat(baseline.slowCancelled(10)).as("the upstream call was cancelled").isTrue();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void drainsAForkRemovedFromTheTableAfterItsOpenCallEndsAndSendsItNothingNew() throws Exception {
    Upstream forkUpstream = grpc(fork, "sbx-a/echo#1");
    Channel keyed = withKey(KEY, "key-a", null);
    List<String> echoed = new CopyOnWriteArrayList<>();
    CompletableFuture<String> ended = new CompletableFuture<>();
    StreamObserver<String> chat =
        ClientCalls.asyncBidiStreamingCall(
            keyed.newCall(EchoService.CHAT, CallOptions.DEFAULT), recording(echoed, ended));
    chat.onNext("before");
    await().atMost(Duration.ofSeconds(10)).until(() -> echoed.contains("fork:before"));

    router.update(t -> t.withoutSandbox("sbx-a"));
    CompletableFuture<Void> drained = router.drained(forkUpstream);
    chat.onNext("during");
    await().atMost(Duration.ofSeconds(10)).until(() -> echoed.contains("fork:during"));
    assertThat(drained).as("the open call keeps the fork's connection").isNotDone();
    assertThat(ClientCalls.blockingUnaryCall(keyed, EchoService.SAY, CallOptions.DEFAULT, "new"))
        .as("a new call with the removed sandbox's key: unknown key, the baseline")
        .isEqualTo("baseline:new");

    chat.onCompleted();
    assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    drained.get(10, TimeUnit.SECONDS);
    assertThat(fork.calls()).hasSize(1);
  }

  @Test
  void answersUnavailableForAServiceWithoutBaseline() {
    router.update(t -> t.withoutBaseline("echo"));

    StatusRuntimeException failure =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(channel, EchoService.SAY, CallOptions.DEFAULT, "x"));

    assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(failure.getStatus().getDescription()).startsWith("no_baseline (service 'echo')");
  }

  private Channel withKey(
      Metadata.Key<String> carrier, String value, AtomicReference<Metadata> trailers) {
    Metadata headers = new Metadata();
    headers.put(carrier, value);
    Channel keyed =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    return trailers == null
        ? keyed
        : ClientInterceptors.intercept(
            keyed, MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers));
  }

  /** Adds each message to {@code messages}; completes {@code ended} with "done" or the failure. */
  private static StreamObserver<String> recording(
      List<String> messages, CompletableFuture<String> ended) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        messages.add(value);
      }

      @Override
      public void onError(Throwable t) {
        ended.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        ended.complete("done");
      }
    };
  }

  private static StreamObserver<String> collect(CompletableFuture<String> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  private static Upstream grpc(EchoService service, String instance) {
    return new Upstream("127.0.0.1", service.port(), instance, Protocol.GRPC);
  }
}
