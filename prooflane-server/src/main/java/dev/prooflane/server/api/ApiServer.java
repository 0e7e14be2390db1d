package dev.prooflane.server.api;

import dev.prooflane.local.LocalRuntime;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.runs.Runs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The REST API of a daemon, served on loopback by Vert.x Web. */
public final class ApiServer implements AutoCloseable {
  /** The largest request body accepted. */
  static final long MAX_BODY = 1 << 20;

  private final Vertx vertx;
  private final HttpServer server;

  private ApiServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /**
   * Serves {@code runtime} on {@code host:port} (0 picks a free port); {@code onShutdown} runs when
   * a client asks the daemon to stop.
   */
  public static ApiServer start(
      LocalRuntime runtime,
      Runs runs,
      String host,
      int port,
      Runnable onShutdown,
      java.util.List<ApiExtension> extensions) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    String base = "/api/v1";
    Handlers handlers = new Handlers(runtime, runs.governance(), onShutdown);
    router.get(base + "/status").blockingHandler(handlers::status, false);
    router.get(base + "/services").blockingHandler(handlers::services, false);
    router.get(base + "/services/:name/logs").blockingHandler(handlers::logs, false);
    router.get(base + "/sandboxes").blockingHandler(handlers::listSandboxes, false);
    router.post(base + "/sandboxes").blockingHandler(handlers::createSandbox, false);
    router.get(base + "/sandboxes/:name").blockingHandler(handlers::getSandbox, false);
    router.delete(base + "/sandboxes/:name").blockingHandler(handlers::deleteSandbox, false);
    router.get(base + "/hops").blockingHandler(handlers::hops, false);
    RunHandlers runHandlers =
        new RunHandlers(runs, new dev.prooflane.server.runs.Validations(runtime, runs));
    router.get(base + "/skills").blockingHandler(runHandlers::listSkills, false);
    router.get(base + "/skills/:name").blockingHandler(runHandlers::getSkill, false);
    router.get(base + "/actions").blockingHandler(runHandlers::listActions, false);
    router.get(base + "/actions/:name").blockingHandler(runHandlers::getAction, false);
    router
        .post(base + "/actions/:name/run")
        .blockingHandler(unchecked(runHandlers::runAction), false);
    router.post(base + "/validations").blockingHandler(unchecked(runHandlers::validate), false);
    router.post(base + "/runs").blockingHandler(unchecked(runHandlers::startRun), false);
    router.get(base + "/runs").blockingHandler(runHandlers::listRuns, false);
    router.get(base + "/runs/:id").blockingHandler(runHandlers::getRun, false);
    router
        .get(base + "/runs/:id/reports/:file")
        .blockingHandler(unchecked(runHandlers::getReport), false);
    router.post(base + "/shutdown").handler(handlers::shutdown);
    router.get(base + "/openapi.yaml").handler(handlers::openapi);
    java.util.concurrent.atomic.AtomicReference<String> apiUrl =
        new java.util.concurrent.atomic.AtomicReference<>();
    extensions.forEach(e -> e.install(router, apiUrl::get));
    router.route().last().handler(Handlers::notFound);
    router.route().failureHandler(Handlers::failure);
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(router)
              .listen(port, host)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      apiUrl.set("http://" + host + ":" + server.actualPort() + "/api/v1");
      return new ApiServer(vertx, server);
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
