package dev.prooflane.local.process;

import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A GET over HTTP/2 in cleartext with prior knowledge, for instances that speak h2c or gRPC. */
record H2cGet(String host, int port, String path) implements HealthTry {
  @Override
  public CompletableFuture<HealthAnswer> send(Duration timeout) {
    Http2Headers request = H2cExchange.request("GET", host, port, path);
    return H2cExchange.send(host, port, request, null, timeout)
        .thenApply(answer -> HealthAnswer.http(answer.status()));
  }

  @Override
  public String target() {
    return "GET http://" + host + ":" + port + path + " (h2c)";
  }
}
