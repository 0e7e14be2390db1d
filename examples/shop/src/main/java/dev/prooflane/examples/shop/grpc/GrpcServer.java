package dev.prooflane.examples.shop.grpc;

import static java.util.Objects.requireNonNull;

import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.Launcher;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Runs a gRPC service with grpc-java (Netty) on loopback, next to the standard health service
 * ({@code grpc.health.v1.Health}: the server answers SERVING while it runs), with the {@link
 * CallLog} on every call.
 */
public final class GrpcServer implements Launcher.Running {
  /** The trailer of every call: which instance served it, {@code baseline} or a sandbox name. */
  public static final Metadata.Key<String> SERVED_BY =
      Metadata.Key.of("shop-served-by", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final HealthStatusManager health;

  private GrpcServer(Server server, HealthStatusManager health) {
    this.server = server;
    this.health = health;
  }

  /**
   * Starts {@code service} as {@code name}, instance {@code servedBy}, on 127.0.0.1:{@code port} (0
   * picks a free port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static GrpcServer start(
      String name, String servedBy, int port, Console console, ServerServiceDefinition service)
      throws IOException {
    requireNonNull(service, "service");
    CallLog log = new CallLog(name, servedBy, console);
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(ServerInterceptors.intercept(service, log))
            .addService(ServerInterceptors.intercept(health.getHealthService(), log))
            .build()
            .start();
    // grpc-java's threads are daemons: without one that is not, the process would exit at once
    Thread running = new Thread(() -> awaitTermination(server), name + "-grpc-running");
    running.setDaemon(false);
    running.start();
    return new GrpcServer(server, health);
  }

  private static void awaitTermination(Server server) {
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The server's gRPC target, such as {@code 127.0.0.1:8084}. */
  @Override
  public String address() {
    return "127.0.0.1:" + port();
  }

  /** Answers NOT_SERVING to health checks, then stops: calls in progress get a second to end. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
