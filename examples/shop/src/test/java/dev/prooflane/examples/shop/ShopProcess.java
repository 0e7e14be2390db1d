package dev.prooflane.examples.shop;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A shop service running as a real process, its stdout and stderr in files. */
final class ShopProcess implements AutoCloseable {
  /** Variables a service reads; removed from the inherited environment so tests control them. */
  private static final List<String> SETTINGS =
      List.of(
          "PORT",
          "PROOFLANE_SANDBOX",
          "PRICING_URL",
          "CATALOG_URL",
          "INVENTORY_URL",
          "WAREHOUSE_TARGET",
          "KAFKA_BOOTSTRAP",
          "ORDERS_TOPIC",
          "GROUP_ID",
          "KAFKA_INTERCEPTORS",
          "DATABASE_URL");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private ShopProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code command} with exactly the service {@code env} given; logs go to {@code dir}. */
  static ShopProcess start(String name, List<String> command, Map<String, String> env, Path dir)
      throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    SETTINGS.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    return new ShopProcess(name, builder.start(), out, err);
  }

  /** A loopback port that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Polls {@code GET /health} until it answers 200; returns how long that took. A try is given the
   * whole time left: cutting a slow one short would hang up on the service while it answers.
   */
  Duration awaitHealthy(int port, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < timeout.toNanos()) {
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(timeout.minusNanos(System.nanoTime() - start).plusSeconds(1))
              .build();
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + " before it was healthy: " + err());
      }
      try {
        if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (ConnectException e) {
        // not listening yet
      } catch (IOException e) {
        // not answering yet
      }
      Thread.sleep(10);
    }
    throw new AssertionError(name + " not healthy within " + timeout + "; stderr: " + err());
  }

  /**
   * Calls the standard gRPC health check ({@code grpc.health.v1.Health/Check} of the whole server)
   * until it answers SERVING; returns how long that took.
   */
  Duration awaitServing(int port, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    ManagedChannel channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    try {
      while (System.nanoTime() - start < timeout.toNanos()) {
        if (!process.isAlive()) {
          throw new AssertionError(
              name + " exited with " + process.exitValue() + " before it was healthy: " + err());
        }
        try {
          HealthCheckResponse health =
              HealthGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                  .check(HealthCheckRequest.getDefaultInstance());
          if (health.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (StatusRuntimeException e) {
          // not listening or not serving yet
        }
        Thread.sleep(10);
      }
    } finally {
      channel.shutdownNow();
    }
    throw new AssertionError(name + " not serving within " + timeout + "; stderr: " + err());
  }

  /** Waits for the process to exit and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout);
    }
    return process.exitValue();
  }

  List<String> out() {
    return read(out);
  }

  List<String> err() {
    return read(err);
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
