package dev.prooflane.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.kafka.KafkaStatus;
import dev.prooflane.local.postgres.PostgresStatus;
import dev.prooflane.local.process.LogLine;
import dev.prooflane.model.KeyNames;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxList;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.StatusView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server that answers the read endpoints of the API as a daemon of the demo shop
 * with one sandbox would, written from the views the daemon writes; anything else is not found.
 * {@link StartupTraining} runs the read commands against it, so that the start-up archive holds
 * what reading and printing a real answer loads.
 */
final class TrainingDaemon implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> answers;

  private TrainingDaemon(HttpServer server, Map<String, String> answers) {
    this.server = server;
    this.answers = answers;
  }

  /** Starts the server on a free loopback port. */
  static TrainingDaemon start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TrainingDaemon daemon =
        new TrainingDaemon(
            server, answers("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1"));
    server.createContext("/", daemon::answer);
    server.start();
    return daemon;
  }

  /** The API base, as {@code daemon.json} gives it. */
  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /**
   * Announces this daemon in {@code stateDir} as a running daemon does: {@code daemon.json} (with
   * this process's pid, which is alive) and an admin token.
   */
  void announceIn(Path stateDir) throws IOException {
    StateFolder state = StateFolder.of(stateDir);
    Files.writeString(
        state.daemonInfo(),
        Json.pretty(
            new DaemonInfo(
                ProcessHandle.current().pid(), apiUrl(), "prooflane.yaml", Instant.now())));
    Files.writeString(state.adminToken(), "training");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Map<String, String> answers(String api) {
    Instant now = Instant.now();
    SandboxView sandbox =
        new SandboxView(
            "pr-1",
            "pr-1-key",
            "READY",
            "",
            now,
            now.plusSeconds(1800),
            "30m",
            Map.of("pr", "1"),
            List.of(
                new SandboxView.ForkView(
                    "pricing",
                    "running",
                    40001,
                    ProcessHandle.current().pid(),
                    "",
                    null,
                    List.of("--discount=10"),
                    Map.of("MODE", "fork"),
                    List.of(),
                    null)),
            List.of());
    List<ServiceStatus> services =
        List.of(
            new ServiceStatus("pricing", "http://127.0.0.1:8081", "running", 40000, 1, "", 0),
            new ServiceStatus(
                "frontend", "http://127.0.0.1:8080", "exited", 40002, 0, "exit 1", 3));
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put(
        "/api/v1/status",
        Json.write(
            new StatusView(
                "shop",
                "/srv/shop/prooflane.yaml",
                api,
                ProcessHandle.current().pid(),
                now,
                KeyNames.DEFAULT,
                services,
                List.of(sandbox),
                new KafkaStatus("127.0.0.1:9092", "running", 40004, ""),
                new PostgresStatus("127.0.0.1:5432", "running", 40005, List.of("reviews"), 0))));
    answers.put("/api/v1/sandboxes", Json.write(new SandboxList(List.of(sandbox))));
    answers.put("/api/v1/sandboxes/pr-1", Json.write(sandbox));
    answers.put(
        "/api/v1/skills",
        Json.write(
            Map.of(
                "skills",
                List.of(
                    Map.of(
                        "name",
                        "checkout",
                        "version",
                        "1.0.0",
                        "whenToUse",
                        "a change to pricing")))));
    Map<String, Object> hops = new LinkedHashMap<>();
    hops.put("key", null);
    hops.put(
        "hops",
        List.of(
            new HopRecord(
                1,
                now,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "pr-1-key",
                "pricing",
                "pr-1",
                "127.0.0.1:40001",
                "GET",
                "/price/1",
                200,
                1234,
                HopRecord.HTTP1,
                null,
                0,
                42)));
    answers.put("/api/v1/hops", Json.write(hops));
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("service", "pricing");
    logs.put("sandbox", null);
    logs.put(
        "lines",
        List.of(
            new LogLine(1, now, LogLine.STDOUT, "pricing listening"),
            new LogLine(2, now, LogLine.STDERR, "a warning")));
    answers.put("/api/v1/services/pricing/logs", Json.write(logs));
    return answers;
  }

  private void answer(HttpExchange exchange) throws IOException {
    String answer = answers.get(exchange.getRequestURI().getPath());
    byte[] body =
        (answer != null
                ? answer
                : "{\"error\":\"not_found\",\"message\":\"nothing here: a training run\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
