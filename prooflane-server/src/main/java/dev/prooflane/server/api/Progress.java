package dev.prooflane.server.api;

import dev.prooflane.server.json.Json;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Long requests (create a sandbox, run a skill, validate) answered as NDJSON when the client asks
 * for {@code application/x-ndjson}: one {@code {"progress": ...}} line per step, then {@code
 * {"<result>": ...}} or an error line. A stream that started something the client may follow or
 * cancel says where it is in a {@code Location} header, sent before the first line.
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
    located(
        ctx,
        status,
        resultKey,
        out -> {
          out.begin(null);
          return work.apply(out::line);
        });
  }

  /** As {@link #stream}, for work that names what it started with {@link Out#begin}. */
  static void located(
      RoutingContext ctx, int status, String resultKey, Function<Out, Object> work) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true).setStatusCode(status).putHeader("Content-Type", NDJSON);
    Out out = new Out(response);
    try {
      Object result = work.apply(out);
      out.begin(null);
      response.end(Json.write(Map.of(resultKey, result)) + "\n");
    } catch (RuntimeException e) {
      out.begin(null);
      response.end(Json.write(ApiErrors.errorOf(e)) + "\n");
    }
  }

  /** The lines of one stream: held back until {@link #begin} sent the headers. */
  static final class Out {
    private final HttpServerResponse response;
    private List<String> held = new ArrayList<>();

    private Out(HttpServerResponse response) {
      this.response = response;
    }

    /** Sends the headers, with {@code location} (an API path) when not null, then held lines. */
    synchronized void begin(String location) {
      if (held == null) {
        return;
      }
      if (location != null) {
        response.putHeader("Location", ApiPath.BASE + location);
      }
      response.writeHead();
      held.forEach(response::write);
      held = null;
    }

    /** One progress line. */
    synchronized void line(String text) {
      String line = Json.write(Map.of("progress", text)) + "\n";
      if (held != null) {
        held.add(line);
      } else {
        response.write(line);
      }
    }
  }
}
