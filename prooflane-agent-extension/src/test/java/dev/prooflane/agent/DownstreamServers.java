package dev.prooflane.agent;

import com.sun.net.httpserver.HttpServer;
import dev.prooflane.dropsapp.DropsApp;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The downstream the end-to-end test's service calls: an HTTP server and a gRPC echo server. */
final class DownstreamServers implements AutoCloseable {

  private final HttpServer http;
  private final Server grpc;

  private DownstreamServers(HttpServer http, Server grpc) {
    this.http = http;
    this.grpc = grpc;
  }

  static DownstreamServers start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    http.start();
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("prooflane.test.Echo")
            .addMethod(
                DropsApp.ECHO,
                ServerCalls.asyncUnaryCall(
                    (request, response) -> {
                      response.onNext(request);
                      response.onCompleted();
                    }))
            .build();
    Server grpc =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(echo)
            .build()
            .start();
    return new DownstreamServers(http, grpc);
  }

  String httpBase() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  int grpcPort() {
    return grpc.getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    grpc.shutdownNow();
  }
}
