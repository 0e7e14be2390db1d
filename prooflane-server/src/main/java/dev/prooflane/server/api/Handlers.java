package dev.prooflane.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.process.LogLine;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.hops.CallGraph;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.StatusView;
import dev.prooflane.server.sandboxes.SandboxService;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's own endpoints: status, services, logs, hops, the call graph, shutdown, the OpenAPI
 * document.
 */
final class Handlers {
  private final LocalRuntime runtime;
  private final SandboxService sandboxes;
  private final Governance governance;
  private final Runnable onShutdown;

  Handlers(
      LocalRuntime runtime, SandboxService sandboxes, Governance governance, Runnable onShutdown) {
    this.runtime = runtime;
    this.sandboxes = sandboxes;
    this.governance = governance;
    this.onShutdown = onShutdown;
  }

  void status(RoutingContext ctx) {
    json(
        ctx,
        200,
        new StatusView(
            runtime.environment().name(),
            runtime.environment().file().toAbsolutePath().toString(),
            "http://" + ctx.request().authority() + ApiPath.BASE,
            ProcessHandle.current().pid(),
            runtime.startedAt(),
            runtime.environment().keyNames(),
            runtime.services(),
            sandboxes.list().stream().map(SandboxView::of).toList(),
            runtime.kafka().orElse(null),
            runtime.postgresStatus().orElse(null)));
  }

  /** {@code GET /graph}: who calls whom, learned from the kept hops (see {@link CallGraph}). */
  void graph(RoutingContext ctx) {
    json(
        ctx,
        200,
        CallGraph.of(
            runtime.hops().recent(runtime.hops().capacity()),
            runtime.environment().services().keySet()));
  }

  void services(RoutingContext ctx) {
    json(ctx, 200, Map.of("services", runtime.services()));
  }

  void logs(RoutingContext ctx) {
    String service = ctx.pathParam("name");
    String sandbox = ctx.request().getParam("sandbox");
    int tail = intParam(ctx, "tail", 200, 1, 5000);
    Redactor redactor = governance.redactor();
    List<LogLine> lines =
        runtime.logs(service, sandbox).tail(tail).stream()
            .map(l -> new LogLine(l.seq(), l.time(), l.stream(), redactor.text(l.text())))
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("sandbox", sandbox);
    body.put("lines", lines);
    json(ctx, 200, body);
  }

  void hops(RoutingContext ctx) {
    String key = ctx.request().getParam("key");
    String sandbox = ctx.request().getParam("sandbox");
    int limit = intParam(ctx, "limit", 100, 1, 10_000);
    if (sandbox != null) {
      key = sandboxes.routingKey(sandbox).value();
    }
    List<HopRecord> hops = key == null ? runtime.hops().recent(limit) : runtime.hops().byKey(key);
    if (hops.size() > limit) {
      hops = hops.subList(hops.size() - limit, hops.size());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    body.put("hops", hops);
    json(ctx, 200, body);
  }

  void shutdown(RoutingContext ctx) {
    json(ctx, 202, Map.of("stopping", true));
    Thread stopper = new Thread(onShutdown, "prooflane-shutdown");
    stopper.start();
  }

  void openapi(RoutingContext ctx) {
    try (InputStream in = Handlers.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new ProoflaneException("openapi.yaml is missing from the server jar (rebuild)");
      }
      ctx.response()
          .putHeader("Content-Type", "application/yaml")
          .end(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ProoflaneException("cannot read openapi.yaml: " + e.getMessage(), e);
    }
  }

  static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    return intParam(ctx, name, fallback, min, max, "a whole number");
  }

  /**
   * The query parameter {@code name}, {@code fallback} when absent; {@code what} says what it
   * counts in a refusal (an {@link IllegalArgumentException}: 400).
   */
  static int intParam(
      RoutingContext ctx, String name, int fallback, int min, int max, String what) {
    String text = ctx.request().getParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + ": " + value + " (expected: " + min + " to " + max + ")");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + ": '" + text + "' (expected: " + what + " " + min + " to " + max + ")");
    }
  }

  /**
   * The request's body as JSON, {@code empty} (JSON text) when there is none.
   *
   * @throws IllegalArgumentException when it is not JSON (400)
   */
  static JsonNode body(RoutingContext ctx, String empty) {
    try {
      String text = ctx.body().asString();
      return Json.mapper().readTree(text == null || text.isBlank() ? empty : text);
    } catch (IOException e) {
      throw new IllegalArgumentException("body: not JSON (" + e.getMessage() + ")");
    }
  }

  static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.write(body));
  }
}
