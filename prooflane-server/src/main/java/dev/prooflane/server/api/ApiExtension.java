package dev.prooflane.server.api;

import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** Routes a module above the server adds to the daemon's HTTP server (such as the MCP endpoint). */
public interface ApiExtension {
  /**
   * Installs routes on the daemon's router, before its catch-all; {@code apiUrl} answers the API
   * base URL once the server listens.
   */
  void install(Router router, Supplier<String> apiUrl);

  /**
   * Installs handlers that see every request before the API's guard (origin rules, CORS preflights
   * of the extension's own paths); {@code bindHost} is the address the API binds.
   */
  default void installBeforeGuard(Router router, String bindHost) {}
}
