package dev.prooflane.server.api;

import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.SandboxFailedException;
import dev.prooflane.local.process.LogLine;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.auth.Token;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.runs.SandboxAdmission;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's request handlers; each maps one endpoint onto the runtime. */
final class Handlers {
  private final LocalRuntime runtime;
  private final Governance governance;
  private final Runnable onShutdown;
  private final SandboxAdmission admission;

  /** Only a sandbox's owner (or a policy:admin token) deletes it: 403 otherwise. */
  private static final String OWNER_RULE = "sandboxes.owner";

  /** Refusals that mean "too many right now": 429, so that a client may retry later. */
  private static final java.util.Set<String> QUOTAS =
      java.util.Set.of("limits.concurrentRuns", "sandboxes.perOwner", "sandboxes.total");

  Handlers(
      LocalRuntime runtime,
      Governance governance,
      SandboxAdmission admission,
      Runnable onShutdown) {
    this.admission = admission;
    this.runtime = runtime;
    this.governance = governance;
    this.onShutdown = onShutdown;
  }

  void status(RoutingContext ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("environment", runtime.environment().name());
    body.put("envFile", runtime.environment().file().toAbsolutePath().toString());
    body.put("apiUrl", "http://" + ctx.request().authority() + "/api/v1");
    body.put("pid", ProcessHandle.current().pid());
    body.put("startedAt", runtime.startedAt());
    body.put("keyNames", runtime.environment().keyNames());
    body.put("services", runtime.services());
    body.put("sandboxes", runtime.sandboxes().stream().map(SandboxView::of).toList());
    json(ctx, 200, body);
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

  void listSandboxes(RoutingContext ctx) {
    json(ctx, 200, Map.of("sandboxes", runtime.sandboxes().stream().map(SandboxView::of).toList()));
  }

  void getSandbox(RoutingContext ctx) {
    json(ctx, 200, SandboxView.of(runtime.sandbox(ctx.pathParam("name"))));
  }

  /**
   * Creates a sandbox from a JSON (or YAML) body. With {@code Accept: application/x-ndjson} the
   * response streams one {@code {"progress": ...}} line per step, then {@code {"sandbox": ...}} or
   * {@code {"error": ...}}; otherwise it answers once, 201 with the sandbox.
   */
  void createSandbox(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      json(
          ctx,
          400,
          new ApiError(
              "invalid_spec",
              "empty body (send the sandbox as JSON: {\"name\":..., \"forks\":[{\"service\":...}]})"));
      return;
    }
    SandboxSpec spec = SandboxSpecReader.parse("<request body>", text);
    String owner = ApiGuard.caller(ctx);
    if (Progress.wanted(ctx)) {
      Progress.stream(
          ctx, 201, "sandbox", progress -> SandboxView.of(admission.create(spec, owner, progress)));
    } else {
      json(ctx, 201, SandboxView.of(admission.create(spec, owner, line -> {})));
    }
  }

  /** Deletes a sandbox: its owner's token may, and a {@code policy:admin} token; no other. */
  void deleteSandbox(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Token caller = ApiGuard.token(ctx);
    String owner = runtime.sandbox(name).spec().labels().get(SandboxQuota.OWNER_LABEL);
    if (owner != null
        && !owner.equals(caller.name())
        && !Scope.POLICY_ADMIN.grantedBy(caller.scopes())) {
      PolicyRefusedException refused =
          new PolicyRefusedException(
              OWNER_RULE,
              "sandbox '"
                  + name
                  + "' belongs to '"
                  + owner
                  + "', not to '"
                  + caller.name()
                  + "'; ask its owner, or delete it with a policy:admin token");
      governance.refused(null, refused);
      throw refused;
    }
    runtime.deleteSandbox(name);
    governance.sandboxDeleted(name, caller.name());
    json(ctx, 200, Map.of("deleted", name));
  }

  void hops(RoutingContext ctx) {
    String key = ctx.request().getParam("key");
    String sandbox = ctx.request().getParam("sandbox");
    int limit = intParam(ctx, "limit", 100, 1, 10_000);
    if (sandbox != null) {
      key = runtime.sandbox(sandbox).routingKey().value();
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

  static void notFound(RoutingContext ctx) {
    json(
        ctx,
        404,
        new ApiError(
            "no_such_endpoint",
            ctx.request().method()
                + " "
                + ctx.request().path()
                + " is not an endpoint (see /api/v1/openapi.yaml)"));
  }

  static void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t == null) {
      json(
          ctx,
          ctx.statusCode() > 0 ? ctx.statusCode() : 500,
          new ApiError(
              "http_" + ctx.statusCode(), "request failed with status " + ctx.statusCode()));
      return;
    }
    ApiError error = errorOf(t);
    json(ctx, statusOf(t), error);
  }

  static ApiError errorOf(Throwable t) {
    if (t instanceof PolicyRefusedException) {
      return new ApiError("policy_refused", t.getMessage());
    }
    if (t instanceof SpecException e) {
      return new ApiError("invalid_spec", e.getMessage(), e.problems());
    }
    if (t instanceof NotFoundException) {
      return new ApiError("not_found", t.getMessage());
    }
    if (t instanceof ConflictException) {
      return new ApiError("conflict", t.getMessage());
    }
    if (t instanceof SandboxFailedException) {
      return new ApiError("sandbox_failed", t.getMessage());
    }
    if (t instanceof IllegalArgumentException) {
      return new ApiError("invalid_request", t.getMessage());
    }
    if (t instanceof ProoflaneException) {
      return new ApiError("failed", t.getMessage());
    }
    return new ApiError("internal", t.getClass().getSimpleName() + ": " + t.getMessage());
  }

  private static int statusOf(Throwable t) {
    if (t instanceof PolicyRefusedException p) {
      if (OWNER_RULE.equals(p.rule())) {
        return 403;
      }
      return QUOTAS.contains(p.rule()) ? 429 : 400;
    }
    if (t instanceof SpecException || t instanceof IllegalArgumentException) {
      return 400;
    }
    if (t instanceof NotFoundException) {
      return 404;
    }
    if (t instanceof ConflictException) {
      return 409;
    }
    if (t instanceof SandboxFailedException) {
      return 422;
    }
    return 500;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
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
          name + ": '" + text + "' (expected: a whole number " + min + " to " + max + ")");
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
