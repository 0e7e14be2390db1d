package dev.prooflane.local.process;

import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One kind of health-check try against one instance: an HTTP/1.1 GET, a GET over h2c, or a gRPC
 * health check. A try is sent whole and its answer read to the end; it is never aborted before
 * {@code timeout}.
 */
sealed interface HealthTry permits Http1Get, H2cGet, GrpcHealthTry {
  /**
   * Sends one try: completes with its answer, or exceptionally with why there was none ({@link
   * java.net.ConnectException} when nothing listens, {@link java.util.concurrent.TimeoutException}
   * when {@code timeout} passed first).
   */
  CompletableFuture<HealthAnswer> send(Duration timeout);

  /** What is asked, as messages quote it: {@code GET http://127.0.0.1:41234/health}. */
  String target();

  /**
   * The try for {@code probe} of an instance on {@code host:port} that speaks {@code protocol}: an
   * HTTP GET over HTTP/1.1 or, for an HTTP/2 protocol, over h2c; a gRPC health check always over
   * HTTP/2.
   */
  static HealthTry of(String host, int port, Protocol protocol, HealthCheck.Probe probe) {
    if (probe instanceof HealthCheck.GrpcHealth grpc) {
      return new GrpcHealthTry(host, port, grpc);
    }
    String path = ((HealthCheck.HttpGet) probe).path();
    return protocol.http2()
        ? new H2cGet(host, port, path)
        : new Http1Get(URI.create("http://" + host + ":" + port + path));
  }
}
