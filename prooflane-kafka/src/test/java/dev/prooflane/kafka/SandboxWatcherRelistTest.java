package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mock API server does not do: a watch whose resource version has expired. A JDK HTTP
 * server lists {@code fix-1} at version 7, sends one watch event at version 8 and then, on the
 * watch resumed from 8, an ERROR event 410 Gone; the list after that holds {@code fix-2}.
 */
class SandboxWatcherRelistTest {
  @TempDir Path dir;
  private HttpServer server;
  private SandboxWatcher watcher;
  private final AtomicInteger lists = new AtomicInteger();
  private final List<String> watches = new CopyOnWriteArrayList<>();

  @BeforeEach
  void apiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext("/apis/prooflane.dev/v1alpha1/namespaces/shop/sandboxes", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    server.stop(0);
  }

  private static String sandbox(String name, String key, String version) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\",\"resourceVersion\":\""
        + version
        + "\"},\"spec\":{\"routingKey\":\""
        + key
        + "\",\"forks\":[{\"of\":{\"kind\":\"Deployment\",\"name\":\"notifier\"}}]}}";
  }

  private void answer(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String body;
    if (query == null) {
      body =
          lists.incrementAndGet() == 1
              ? "{\"metadata\":{\"resourceVersion\":\"7\"},\"items\":["
                  + sandbox("fix-1", "k-abc", "7")
                  + "]}"
              : "{\"metadata\":{\"resourceVersion\":\"20\"},\"items\":["
                  + sandbox("fix-2", "k-def", "20")
                  + "]}";
    } else {
      watches.add(query);
      body =
          query.contains("resourceVersion=7&") || query.endsWith("resourceVersion=7")
              ? "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"8\"}}}\n"
              : query.contains("resourceVersion=8")
                  ? "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
                      + "\"reason\":\"Expired\"}}\n"
                  : "";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void resumesFromTheLastVersionSeenAndListsAgainWhenItIsGone() throws Exception {
    Files.writeString(dir.resolve("token"), "t");
    ClusterSettings settings =
        ClusterSettings.from(
            Map.of(
                ClusterSettings.API_SERVER,
                "http://127.0.0.1:" + server.getAddress().getPort(),
                ClusterSettings.TOKEN_FILE,
                dir.resolve("token").toString(),
                ClusterSettings.NAMESPACE,
                "shop"),
            k -> null,
            dir);
    watcher = MockSandboxes.started(settings);

    assertThat(watcher.awaitFirst(Duration.ofSeconds(10)).sandboxes())
        .extracting(RoutedSandbox::name)
        .containsExactly("fix-1");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> watcher.current().sandboxes().get(0).name().equals("fix-2"));
    assertThat(lists.get()).isEqualTo(2);
    assertThat(watches.get(0)).contains("resourceVersion=7").contains("allowWatchBookmarks=true");
    assertThat(watches.get(1)).contains("resourceVersion=8");
    assertThat(watcher.problem()).isEqualTo("no answer yet");
  }
}
