package dev.prooflane.server.api;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.Json;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** The REST API of a daemon, served on loopback by Vert.x Web. */
public final class ApiServer implements AutoCloseable {
  /** The largest request body accepted. */
  static final long MAX_BODY = 1 << 20;

  /** The longest a blocking handler runs before Vert.x reports the thread as blocked. */
  private static final Duration LONGEST_HANDLER = Duration.ofHours(1);

  private final Vertx vertx;
  private final HttpServer server;
  private final String host;
  private final AtomicReference<Handler<HttpServerRequest>> handler;

  private ApiServer(
      Vertx vertx,
      HttpServer server,
      String host,
      AtomicReference<Handler<HttpServerRequest>> handler) {
    this.vertx = vertx;
    this.server = server;
    this.host = host;
    this.handler = handler;
  }

  /**
   * Serves {@code services} on {@code host:port} (0 picks a free port) to the holders of their
   * tokens, with the routes of {@code extensions} added.
   */
  public static ApiServer start(
      ApiServices services, String host, int port, java.util.List<ApiExtension> extensions) {
    ApiServer server = bind(host, port);
    server.serve(services, extensions);
    return server;
  }

  /**
   * Listens on {@code host:port} (0 picks a free port) and answers every request 503 until {@link
   * #serve} installs the API: so that the API's address is known, and handed to the services,
   * before what it serves exists.
   */
  public static ApiServer bind(String host, int port) {
    // Blocking handlers follow a run or a validation to its end (a run may take 10 minutes, a
    // validation several runs); with Vert.x's 60 s default the checker would log a stack trace
    // every second of a long validation.
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxWorkerExecuteTime(LONGEST_HANDLER.toNanos())
                .setMaxWorkerExecuteTimeUnit(TimeUnit.NANOSECONDS));
    AtomicReference<Handler<HttpServerRequest>> handler =
        new AtomicReference<>(ApiServer::starting);
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(request -> handler.get().handle(request))
              .listen(port, host)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new ApiServer(vertx, server, host, handler);
    } catch (ExecutionException e) {
      vertx.close();
      throw new ProoflaneException(
          "cannot serve the API on "
              + host
              + ":"
              + port
              + ": "
              + e.getCause().getMessage()
              + " (is another daemon running? pick another port with --api-port)",
          e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new ProoflaneException("interrupted while opening the API on " + host + ":" + port, e);
    }
  }

  /** The answer before the API is served: the daemon is still starting. */
  private static void starting(HttpServerRequest request) {
    request
        .response()
        .setStatusCode(503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Retry-After", "1")
        .end(
            Json.write(
                new ApiError(
                    "starting",
                    "the daemon is starting (its services and sandboxes); retry in a moment")));
  }

  /** Serves {@code services}, with the routes of {@code extensions} added, from now on. */
  public void serve(ApiServices services, java.util.List<ApiExtension> extensions) {
    Router router = Router.router(vertx);
    String base = ApiPath.BASE;
    LoginHandlers login = new LoginHandlers(services.tokens(), services.governance());
    ApiGuard guard =
        new ApiGuard(
            services.tokens(),
            login.sessions(),
            host,
            Set.of(base + ApiPath.OPENAPI.template(), LoginHandlers.LOGIN, LoginHandlers.LOGOUT));
    extensions.forEach(e -> e.installBeforeGuard(router, host));
    router.route().handler(guard::authenticate);
    // No file uploads: otherwise Vert.x creates a file-uploads/ folder in the working directory.
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    Routes r = new Routes(router, guard, base);
    Handlers handlers =
        new Handlers(
            services.runtime(), services.sandboxes(), services.governance(), services.shutdown());
    r.get(ApiPath.STATUS, handlers::status);
    r.get(ApiPath.SERVICES, handlers::services);
    r.get(ApiPath.SERVICE_LOGS, handlers::logs);
    r.nonBlocking(
        ApiPath.SERVICE_LOGS_STREAM,
        Scope.SANDBOX_READ,
        new LogStream(services.runtime(), services.governance())::stream);
    BaselineHandlers baseline = new BaselineHandlers(services.baseline());
    r.blocking(HttpMethod.POST, ApiPath.SERVICE_RESTART, Scope.POLICY_ADMIN, baseline::restart);
    r.blocking(HttpMethod.POST, ApiPath.ENVIRONMENT_APPLY, Scope.POLICY_ADMIN, baseline::apply);
    SandboxHandlers sandboxes = new SandboxHandlers(services.sandboxes());
    r.get(ApiPath.SANDBOXES, sandboxes::list);
    r.blocking(HttpMethod.POST, ApiPath.SANDBOXES, Scope.SANDBOX_WRITE, sandboxes::create);
    r.get(ApiPath.SANDBOX, sandboxes::get);
    r.blocking(HttpMethod.DELETE, ApiPath.SANDBOX, Scope.SANDBOX_WRITE, sandboxes::delete);
    r.get(ApiPath.HOPS, handlers::hops);
    r.nonBlocking(
        ApiPath.HOPS_STREAM,
        Scope.SANDBOX_READ,
        new HopStream(services.runtime(), services.sandboxes())::stream);
    r.get(ApiPath.GRAPH, handlers::graph);
    r.get(ApiPath.AUDIT, new AuditHandlers(services.governance())::list);
    KafkaHandlers kafka = new KafkaHandlers(services.runtime());
    r.nonBlocking(ApiPath.KAFKA_ROUTES, Scope.SANDBOX_READ, kafka::routes);
    r.blocking(HttpMethod.POST, ApiPath.KAFKA_CONSUMPTIONS, Scope.HOPS_WRITE, kafka::consumptions);
    RunHandlers runHandlers = new RunHandlers(services.runs());
    r.blocking(HttpMethod.POST, ApiPath.PROBE, Scope.SKILL_RUN, unchecked(runHandlers::probe));
    ValidationHandlers validations = new ValidationHandlers(services.validations());
    r.get(ApiPath.SKILLS, runHandlers::listSkills);
    r.get(ApiPath.SKILL, runHandlers::getSkill);
    r.get(ApiPath.ACTIONS, runHandlers::listActions);
    r.get(ApiPath.ACTION, runHandlers::getAction);
    r.blocking(
        HttpMethod.POST, ApiPath.ACTION_RUN, Scope.SKILL_RUN, unchecked(runHandlers::runAction));
    r.blocking(
        HttpMethod.POST,
        ApiPath.VALIDATIONS,
        Scope.SANDBOX_WRITE,
        unchecked(validations::validate));
    r.get(ApiPath.VALIDATIONS, validations::list);
    r.get(ApiPath.VALIDATION, validations::get);
    r.blocking(
        HttpMethod.POST,
        ApiPath.VALIDATION_CANCEL,
        Scope.SANDBOX_WRITE,
        unchecked(validations::cancel));
    r.blocking(HttpMethod.POST, ApiPath.RUNS, Scope.SKILL_RUN, unchecked(runHandlers::startRun));
    r.get(ApiPath.RUNS, runHandlers::listRuns);
    r.get(ApiPath.RUN, runHandlers::getRun);
    r.blocking(
        HttpMethod.POST, ApiPath.RUN_CANCEL, Scope.SKILL_RUN, unchecked(runHandlers::cancelRun));
    r.get(ApiPath.RUN_REPORT, unchecked(runHandlers::getReport));
    TokenHandlers tokenHandlers = new TokenHandlers(services.tokens(), services.governance());
    r.blocking(HttpMethod.POST, ApiPath.TOKENS, Scope.POLICY_ADMIN, tokenHandlers::create);
    r.blocking(HttpMethod.GET, ApiPath.TOKENS, Scope.POLICY_ADMIN, tokenHandlers::list);
    r.blocking(HttpMethod.DELETE, ApiPath.TOKEN, Scope.POLICY_ADMIN, tokenHandlers::revoke);
    r.authenticated(ApiPath.WHOAMI, TokenHandlers::whoami);
    r.blocking(HttpMethod.POST, ApiPath.LOGIN_LINKS, Scope.SANDBOX_READ, login::link);
    router.get(LoginHandlers.LOGIN).handler(login::login);
    router.post(LoginHandlers.LOGOUT).handler(login::logout);
    router
        .post(base + ApiPath.SHUTDOWN.template())
        .handler(guard.require(Scope.POLICY_ADMIN))
        .handler(handlers::shutdown);
    router.get(base + ApiPath.OPENAPI.template()).handler(handlers::openapi);
    String apiUrl = "http://" + host + ":" + port() + ApiPath.BASE;
    extensions.forEach(e -> e.install(router, () -> apiUrl));
    router.route().last().handler(ApiErrors::notFound);
    router.route().failureHandler(ApiErrors::failure);
    handler.set(router);
  }

  /** A handler that may throw checked exceptions; they fail the request like unchecked ones. */
  interface IoHandler {
    void handle(RoutingContext ctx) throws java.io.IOException;
  }

  private static io.vertx.core.Handler<RoutingContext> unchecked(IoHandler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (java.io.IOException e) {
        ctx.fail(new ProoflaneException("I/O failed: " + e.getMessage(), e));
      }
    };
  }

  /** The port the API listens on. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the process is going away; nothing more to release
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
