package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prooflane.actions.testing.TestBroker;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.kafka.StandInInterceptor;
import dev.prooflane.model.Placeholders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/shop.jar}'s orders and notifier run as real processes with the
 * commands and settings of {@code prooflane-kafka.yaml} against a real broker: the baseline
 * notifier and a sandbox's fork, each in its own group, with an interceptor on the class path
 * ({@code ${kafka.interceptor}} is this module's test classes, whose {@link StandInInterceptor}
 * stands in for Prooflane's).
 */
class KafkaProcessIT {
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

  private static Path jar;
  private static JsonNode services;

  @TempDir Path logs;
  private final String topic = "orders-" + UUID.randomUUID();
  private final List<ShopProcess> running = new ArrayList<>();

  @BeforeAll
  static void read() throws Exception {
    jar = Path.of(System.getProperty("shop.jar", "target/shop.jar")).toAbsolutePath();
    assertThat(jar).as("run mvn package first").exists();
    // read as plain YAML: the kafka: section is the daemon's to start
    services =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("prooflane-kafka.yaml").toFile())
            .path("services");
  }

  @AfterEach
  void stopAll() {
    running.forEach(ShopProcess::close);
  }

  @Test
  void theForkOfTheNotifierConsumesKeyedOrdersInItsOwnGroupAndTheBaselineTheOthers()
      throws Exception {
    URI orders = start("orders", "baseline").uri();
    Started baseline = start("notifier", "baseline");
    Started fork = start("notifier", "fix-1");

    Answer keyed =
        TestHttp.post(
            orders, "/orders", "{\"item\":\"book\",\"qty\":1}", "baggage", "prooflane-key=k-fix1");
    Answer plain = TestHttp.post(orders, "/orders", "{\"item\":\"pen\",\"qty\":4}");

    assertThat(keyed.status()).isEqualTo(202);
    assertThat(plain.status()).isEqualTo(202);
    String keyedId = keyed.body().path("id").asText();
    String plainId = plain.body().path("id").asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(orders(fork.uri())).containsExactly(keyedId);
              assertThat(orders(baseline.uri())).containsExactly(plainId);
            });
    assertThat(fork.process().out())
        .anyMatch(
            l ->
                l.startsWith("notifier fix-1 notified order=" + keyedId + " item=book qty=1 from ")
                    && l.endsWith(" key=k-fix1"));
    assertThat(baseline.process().out())
        .anyMatch(l -> l.startsWith("notifier baseline notified order=" + plainId + " item=pen"));
    assertThat(fork.process().err()).noneMatch(l -> l.contains("ERROR"));
  }

  private static List<String> orders(URI notifier) {
    List<String> ids = new ArrayList<>();
    TestHttp.get(notifier, "/notifications")
        .body()
        .path("notifications")
        .forEach(n -> ids.add(n.path("order").asText()));
    return ids;
  }

  /** Starts {@code service} from its yaml command and settings as instance {@code sandbox}. */
  private record Started(ShopProcess process, URI uri) {}

  private Started start(String service, String sandbox) throws Exception {
    int port = ShopProcess.freePort();
    Map<String, String> values = new HashMap<>();
    values.put("port", Integer.toString(port));
    values.put("sandbox", sandbox);
    values.put("artifact", jar.toString());
    values.put("kafka.bootstrap", TestBroker.shared().bootstrap());
    values.put(
        "kafka.interceptor",
        Path.of(
                StandInInterceptor.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toString());
    JsonNode spec = services.path(service);
    List<String> command = new ArrayList<>();
    for (String word : spec.path("command").asText().trim().split("\\s+")) {
      command.add(Placeholders.resolve(word, values::get));
    }
    Map<String, String> env = new LinkedHashMap<>();
    spec.path("env")
        .properties()
        .forEach(
            e -> env.put(e.getKey(), Placeholders.resolve(e.getValue().asText(), values::get)));
    env.put("ORDERS_TOPIC", topic);
    if (env.containsKey("KAFKA_INTERCEPTORS")) {
      env.put("KAFKA_INTERCEPTORS", StandInInterceptor.class.getName());
    }
    if (!"baseline".equals(sandbox)) {
      env.put("PROOFLANE_SANDBOX", sandbox);
    }
    ShopProcess process = ShopProcess.start(service + "-" + sandbox, command, env, logs);
    running.add(process);
    process.awaitHealthy(port, HEALTHY_WITHIN);
    return new Started(process, URI.create("http://127.0.0.1:" + port));
  }
}
