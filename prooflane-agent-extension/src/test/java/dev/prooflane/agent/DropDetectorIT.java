package dev.prooflane.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop detector in a real JVM with the real agent and the built extension: a JDK HttpServer
 * service ({@code DropsApp}) calls a downstream with the JDK HttpClient, HttpURLConnection,
 * grpc-java and a Kafka producer, dropping the key or forwarding it itself. Each mode runs one
 * service JVM.
 */
class DropDetectorIT {

  private static final String APP_SOURCE = "dev/prooflane/dropsapp/DropsApp.java";
  private static final String KEY = "sbx-7";
  private static final String HEADER_KEY = "sbx-8";
  private static final String HEADER_TRACE = "0000000000000000000000000000beef";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static DownstreamServers downstream;

  @TempDir Path dir;

  @TempDir static Path downstreamDir;

  @BeforeAll
  static void startDownstream() throws Exception {
    downstream = DownstreamServers.start(downstreamDir);
  }

  @AfterAll
  static void stopDownstream() {
    downstream.close();
  }

  @Test
  void detectModeReportsEveryDroppingCallAtItsCallSiteAndNoPropagatingOrUnkeyedCall()
      throws Exception {
    Path drops = dir.resolve("drops/baseline/shopfront.jsonl");
    Map<String, String> traces;
    try (ServiceProcess service =
        ServiceProcess.start("detect", drops, dir.resolve("stderr.txt"), List.of(), downstream)) {
      traces = exercise(service);
    }

    List<JsonNode> records = records(drops);
    assertThat(records)
        .extracting(r -> r.at("/outbound/protocol").asText() + " " + callSite(r))
        .containsExactlyInAnyOrder(
            "http " + marker("DROP httpclient", "httpClientDrop"),
            "http " + marker("DROP urlconnection", "urlConnectionDrop"),
            "grpc " + marker("DROP grpc", "grpcDrop"),
            "http " + marker("FORWARDS baggage only", "urlConnectionKeep"),
            "kafka " + marker("DROP kafka", "kafkaDrop"),
            "http " + marker("DROP https", "httpsDrop"));
    JsonNode httpClient = byMethod(records, "httpClientDrop");
    assertThat(httpClient.get("v").asInt()).isEqualTo(1);
    assertThat(httpClient.get("service").asText()).isEqualTo("shopfront");
    assertThat(httpClient.get("destination").asText()).isEqualTo("baseline");
    assertThat(httpClient.get("key").asText()).isEqualTo(KEY);
    assertThat(httpClient.get("traceId").asText()).isEqualTo(traces.get("/httpclient-drop"));
    assertThat(httpClient.at("/inbound/method").asText()).isEqualTo("GET");
    assertThat(httpClient.at("/inbound/target").asText()).isEqualTo("/httpclient-drop?n=1");
    assertThat(httpClient.at("/outbound/method").asText()).isEqualTo("GET");
    assertThat(httpClient.at("/outbound/target").asText()).isEqualTo(downstream.httpBase() + "/a");
    assertThat(httpClient.at("/outbound/carried")).isEmpty();
    assertThat(httpClient.at("/callSite/file").asText()).isEqualTo("DropsApp.java");
    assertThat(httpClient.get("stack").get(0).asText())
        .isEqualTo(
            "dev.prooflane.dropsapp.DropsApp.httpClientDrop(DropsApp.java:"
                + line("DROP httpclient")
                + ")");
    assertThat(httpClient.get("stack").size()).isBetween(2, 8);
    JsonNode grpc = byMethod(records, "grpcDrop");
    assertThat(grpc.at("/outbound/method").asText()).isEqualTo("prooflane.test.Echo/Call");
    assertThat(grpc.get("traceId").asText()).isEqualTo(traces.get("/grpc-drop"));
    assertThat(byMethod(records, "httpsDrop").at("/outbound/target").asText())
        .isEqualTo(downstream.httpsBase() + "/c");
    JsonNode kafka = byMethod(records, "kafkaDrop");
    assertThat(kafka.at("/outbound/target").asText()).isEqualTo("prices");
    assertThat(kafka.at("/outbound/method").isNull()).isTrue();
    JsonNode headerOnly = byMethod(records, "urlConnectionKeep");
    assertThat(headerOnly.get("key").asText()).isEqualTo(HEADER_KEY);
    assertThat(headerOnly.get("traceId").asText()).isEqualTo(HEADER_TRACE);
    JsonNode urlConnection = byMethod(records, "urlConnectionDrop");
    assertThat(urlConnection.at("/outbound/target").asText())
        .isEqualTo(downstream.httpBase() + "/b");
  }

  @Test
  void agentModeReportsOnlyWhatTheAgentCannotFix() throws Exception {
    Path drops = dir.resolve("drops/baseline/shopfront.jsonl");
    // The agent's JDK HttpClient instrumentation off: that client now drops the key; the agent
    // still fixes HttpURLConnection (http and https), gRPC and Kafka, but it does not forward a key
    // that came in
    // the plain header only.
    try (ServiceProcess service =
        ServiceProcess.start(
            "opentelemetry-agent",
            drops,
            dir.resolve("stderr.txt"),
            List.of("-Dotel.instrumentation.java-http-client.enabled=false"),
            downstream)) {
      exercise(service);
    }

    List<JsonNode> records = records(drops);
    assertThat(records)
        .extracting(DropDetectorIT::callSite)
        .containsExactlyInAnyOrder(
            marker("DROP httpclient", "httpClientDrop"),
            marker("FORWARDS baggage only", "urlConnectionKeep"));
    assertThat(byMethod(records, "httpClientDrop").at("/outbound/carried")).isEmpty();
    // The agent sent the trace on, not the key that came in the plain header only.
    assertThat(byMethod(records, "urlConnectionKeep").at("/outbound/carried").toString())
        .isEqualTo("[\"traceparent\"]");
  }

  /**
   * Sends each path once with the key (its own trace each) and the dropping paths once more
   * without; returns the trace id sent to each keyed path.
   */
  private static Map<String, String> exercise(ServiceProcess service) throws Exception {
    Map<String, String> traces = new TreeMap<>();
    List<String> paths =
        List.of(
            "/httpclient-drop",
            "/httpclient-keep",
            "/urlconnection-drop",
            "/urlconnection-keep",
            "/https-drop",
            "/grpc-drop",
            "/grpc-keep",
            "/kafka-drop",
            "/kafka-keep");
    int n = 0;
    for (String path : paths) {
      n++;
      String traceId = String.format("%032x", 0xabc000 + n);
      traces.put(path, traceId);
      HttpRequest keyed =
          HttpRequest.newBuilder(URI.create(service.base() + path + "?n=1"))
              .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
              .header("baggage", "prooflane-key=" + KEY)
              .timeout(Duration.ofSeconds(30))
              .build();
      assertThat(CLIENT.send(keyed, HttpResponse.BodyHandlers.discarding()).statusCode())
          .as(path)
          .isEqualTo(200);
    }
    for (String path :
        List.of(
            "/httpclient-drop",
            "/urlconnection-drop",
            "/https-drop",
            "/grpc-drop",
            "/kafka-drop")) {
      HttpRequest unkeyed =
          HttpRequest.newBuilder(URI.create(service.base() + path))
              .timeout(Duration.ofSeconds(30))
              .build();
      assertThat(CLIENT.send(unkeyed, HttpResponse.BodyHandlers.discarding()).statusCode())
          .as(path)
          .isEqualTo(200);
    }
    // The key in the plain header only: the agent propagates baggage and traceparent, not it.
    HttpRequest headerOnly =
        HttpRequest.newBuilder(URI.create(service.base() + "/urlconnection-keep"))
            .header("traceparent", "00-" + HEADER_TRACE + "-00f067aa0ba902b7-01")
            .header("x-prooflane-key", HEADER_KEY)
            .timeout(Duration.ofSeconds(30))
            .build();
    assertThat(CLIENT.send(headerOnly, HttpResponse.BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
    return traces;
  }

  private static List<JsonNode> records(Path drops) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    if (!Files.exists(drops)) {
      return records;
    }
    for (String line : Files.readAllLines(drops)) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  private static JsonNode byMethod(List<JsonNode> records, String method) {
    return records.stream()
        .filter(r -> r.at("/callSite/method").asText().equals(method))
        .findFirst()
        .orElseThrow();
  }

  private static String callSite(JsonNode record) {
    JsonNode site = record.get("callSite");
    return site.get("class").asText()
        + "."
        + site.get("method").asText()
        + ":"
        + site.get("line").asInt();
  }

  private static String marker(String marker, String method) throws IOException {
    return "dev.prooflane.dropsapp.DropsApp." + method + ":" + line(marker);
  }

  /** The line of the test service's source that carries this marker comment. */
  private static int line(String marker) throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of(System.getProperty("prooflane.it.testSources"), APP_SOURCE));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("// " + marker)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(marker + ": no such marker in " + APP_SOURCE);
  }
}
