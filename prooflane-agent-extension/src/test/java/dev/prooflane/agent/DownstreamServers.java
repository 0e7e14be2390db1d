package dev.prooflane.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.prooflane.dropsapp.DropsApp;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The downstream the end-to-end test's service calls: an HTTP server, the same over TLS (its
 * certificate, for 127.0.0.1, made by keytool into a key store the service trusts) and a gRPC echo
 * server.
 */
final class DownstreamServers implements AutoCloseable {

  static final String STORE_PASSWORD = "changeit";

  private final HttpServer http;
  private final HttpsServer https;
  private final Server grpc;
  private final Path keyStore;

  private DownstreamServers(HttpServer http, HttpsServer https, Server grpc, Path keyStore) {
    this.http = http;
    this.https = https;
    this.grpc = grpc;
    this.keyStore = keyStore;
  }

  static DownstreamServers start(Path dir) throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", DownstreamServers::answer);
    http.start();
    Path keyStore = dir.resolve("downstream.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-alias",
                "downstream",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                STORE_PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext("/", DownstreamServers::answer);
    https.start();
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
    return new DownstreamServers(http, https, grpc, keyStore);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  String httpBase() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  String httpsBase() {
    return "https://127.0.0.1:" + https.getAddress().getPort();
  }

  /** The key store of the TLS server's certificate, which the service trusts. */
  Path keyStore() {
    return keyStore;
  }

  int grpcPort() {
    return grpc.getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
    grpc.shutdownNow();
  }
}
