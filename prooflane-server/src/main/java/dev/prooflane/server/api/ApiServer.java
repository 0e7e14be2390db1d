package dev.prooflane.server.api;

import dev.prooflane.local.LocalRuntime;
import dev.prooflane.model.ProoflaneException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
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
  public static ApiServer start(LocalRuntime runtime, String host, int port, Runnable onShutdown) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(MAX_BODY));
    String base = "/api/v1";
    Handlers handlers = new Handlers(runtime, onShutdown);
    router.get(base + "/status").blockingHandler(handlers::status, false);
    router.get(base + "/services").blockingHandler(handlers::services, false);
    router.get(base + "/services/:name/logs").blockingHandler(handlers::logs, false);
    router.get(base + "/sandboxes").blockingHandler(handlers::listSandboxes, false);
    router.post(base + "/sandboxes").blockingHandler(handlers::createSandbox, false);
    router.get(base + "/sandboxes/:name").blockingHandler(handlers::getSandbox, false);
    router.delete(base + "/sandboxes/:name").blockingHandler(handlers::deleteSandbox, false);
    router.get(base + "/hops").blockingHandler(handlers::hops, false);
    router.post(base + "/shutdown").handler(handlers::shutdown);
    router.get(base + "/openapi.yaml").handler(handlers::openapi);
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
