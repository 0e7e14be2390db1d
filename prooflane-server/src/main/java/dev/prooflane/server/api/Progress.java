package dev.prooflane.server.api;

import dev.prooflane.server.json.Json;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Long requests (create a sandbox, run a skill, validate) answered as NDJSON when the client asks
 * for {@code application/x-ndjson}: one {@code {"progress": ...}} line per step, then {@code
 * {"<result>": ...}} or an error line.
 */
final class Progress {
  static final String NDJSON = "application/x-ndjson";

  private Progress() {}

  /** Whether the client asked for a progress stream. */
  static boolean wanted(RoutingContext ctx) {
    return Optional.ofNullable(ctx.request().getHeader("Accept")).orElse("").contains(NDJSON);
  }

  /**
   * Streams the progress of {@code work} and its result under {@code resultKey}; a failure becomes
   * the last line, an API error.
   */
  static void stream(
      RoutingContext ctx, int status, String resultKey, Function<Consumer<String>, Object> work) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true).setStatusCode(status).putHeader("Content-Type", NDJSON);
    try {
      Object result =
          work.apply(line -> response.write(Json.write(Map.of("progress", line)) + "\n"));
      response.end(Json.write(Map.of(resultKey, result)) + "\n");
    } catch (RuntimeException e) {
      response.end(Json.write(ApiErrors.errorOf(e)) + "\n");
    }
  }
}
