package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.Protocol;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health probe of services that speak gRPC or h2c, against real servers: grpc-java with
 * grpc-services' {@link HealthStatusManager}, and a Netty server that speaks HTTP/2 only.
 */
class GrpcHealthProbeTest {
  private static final Duration INTERVAL = Duration.ofMillis(20);

  @TempDir Path dir;
  private final ProcessSupervisor supervisor = new ProcessSupervisor(new InMemoryRegistry());
  private final List<Server> servers = new CopyOnWriteArrayList<>();
  private final List<String> answers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopEverything() {
    servers.forEach(Server::shutdownNow);
    supervisor.close();
  }

  private ManagedProcess running(String id) {
    return supervisor.start(
        new ProcessSpec(
            id, List.of("sleep", "300"), dir, Map.of(), dir.resolve("logs/" + id + ".log")));
  }

  /** A grpc-java server on {@code port}, with the health service when {@code health} is set. */
  private void grpcServer(int port, HealthStatusManager health) throws IOException {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    if (health != null) {
      builder.addService(health.getHealthService());
    }
    servers.add(builder.build().start());
  }

  private static HealthCheck grpc(String service, Duration timeout) {
    return new HealthCheck(new HealthCheck.GrpcHealth(service), timeout, INTERVAL);
  }

  @Test
  void aGrpcServiceIsReadyOnceItsHealthAnswersServing() throws Exception {
    int port = Ports.freePort();
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.NOT_SERVING);
    ManagedProcess process = running("gh-1/greeter");

    // nothing listens at first; then NOT_SERVING three times; then SERVING
    HealthProbe.awaitReady(
        port,
        Protocol.GRPC,
        grpc("", Duration.ofSeconds(30)),
        process,
        answer -> {
          answers.add(answer);
          try {
            if (answers.size() == 1) {
              grpcServer(port, health);
            } else if (answers.stream().filter(a -> a.equals("health NOT_SERVING")).count() == 3) {
              health.setStatus("", ServingStatus.SERVING);
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });

    assertThat(answers.get(0)).isEqualTo("connection refused");
    assertThat(answers.subList(1, answers.size())).containsOnly("health NOT_SERVING").hasSize(3);
  }

  @Test
  void aNamedServiceIsCheckedByItsName() throws Exception {
    int port = Ports.freePort();
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("shop.v1.Greeter", ServingStatus.SERVING);
    grpcServer(port, health);
    health.setStatus("", ServingStatus.NOT_SERVING);

    HealthProbe.awaitReady(
        port,
        Protocol.GRPC,
        grpc("shop.v1.Greeter", Duration.ofSeconds(30)),
        running("gh-2/greeter"),
        answers::add);

    assertThat(answers).isEmpty();
  }

  @Test
  void aServerWithoutTheHealthServiceGetsAdviceToAddIt() throws Exception {
    int port = Ports.freePort();
    grpcServer(port, null);

    assertThatThrownBy(
            () ->
                HealthProbe.awaitReady(
                    port,
                    Protocol.GRPC,
                    grpc("", Duration.ofSeconds(1)),
                    running("gh-3/legacy"),
                    answers::add))
        .isInstanceOf(InstanceFailedException.class)
        .hasMessageContaining(
            "gh-3/legacy did not become ready: grpc.health.v1.Health/Check of service \"\" at"
                + " 127.0.0.1:"
                + port
                + " got no SERVING within 1000 ms (last: gRPC UNIMPLEMENTED")
        .hasMessageContaining(
            "the service does not implement grpc.health.v1.Health: add it (grpc-java:"
                + " HealthStatusManager of grpc-services")
        .hasMessageContaining("set services.legacy.health.path");
    assertThat(answers).isNotEmpty().allMatch(a -> a.startsWith("gRPC UNIMPLEMENTED"));
  }

  @Test
  void anUnknownServiceNameGetsAdviceToReportItOrCheckAnother() throws Exception {
    int port = Ports.freePort();
    grpcServer(port, new HealthStatusManager());

    assertThatThrownBy(
            () ->
                HealthProbe.awaitReady(
                    port,
                    Protocol.GRPC,
                    grpc("shop.v1.Missing", Duration.ofSeconds(1)),
                    running("gh-4/greeter"),
                    answers::add))
        .isInstanceOf(InstanceFailedException.class)
        .hasMessageContaining("(last: gRPC NOT_FOUND: unknown service shop.v1.Missing)")
        .hasMessageContaining(
            "the health service does not know 'shop.v1.Missing': give it a status (grpc-java:"
                + " HealthStatusManager.setStatus(\"shop.v1.Missing\", SERVING)) or set"
                + " services.greeter.health.grpc");
  }

  @Test
  void anHttpPathOfAnHttp2ServiceIsAskedOverH2c() throws Exception {
    try (H2cHealthServer server = new H2cHealthServer(n -> n < 3 ? 503 : 204)) {
      HealthProbe.awaitReady(
          server.port(),
          Protocol.H2C,
          new HealthCheck("/ready", Duration.ofSeconds(30), INTERVAL),
          running("gh-5/h2"),
          answers::add);

      assertThat(server.requests()).containsExactly("GET /ready", "GET /ready", "GET /ready");
      assertThat(answers).containsExactly("HTTP 503", "HTTP 503");
    }
  }

  @Test
  void anHttp1ServerAskedOverH2cIsToldToSetProtocolHttp1() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/health", exchange -> exchange.sendResponseHeaders(204, -1));
    server.start();
    try {
      assertThatThrownBy(
              () ->
                  HealthProbe.awaitReady(
                      server.getAddress().getPort(),
                      Protocol.H2C,
                      new HealthCheck("/health", Duration.ofSeconds(1), INTERVAL),
                      running("gh-6/plain"),
                      answers::add))
          .isInstanceOf(InstanceFailedException.class)
          .hasMessageContaining("(last: answered in HTTP/1.1, not HTTP/2)")
          .hasMessageContaining(
              "the service answered in HTTP/1.1 where HTTP/2 in cleartext was expected; set"
                  + " services.plain.protocol: http1");
    } finally {
      server.stop(0);
    }
  }
}
