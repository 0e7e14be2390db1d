package dev.prooflane.examples.shop.reviews;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.HeaderPropagation;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.JsonServer;
import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ServiceEnv;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Reviews of the shop's items: {@code GET /reviews?item=1} lists an item's reviews, {@code POST
 * /reviews {"item": "1", "stars": 5, "text": "..."}} adds one (201); {@code GET /health} is 200
 * only while the database answers and has this variant's columns. Every answer but the health check
 * has {@code hops}; one log line per request, with the routing key from the baggage.
 */
public final class ReviewsService {
  private final ReviewStore store;
  private final ReviewsVariant variant;
  private final String servedBy;
  private final Console console;

  ReviewsService(ReviewStore store, ReviewsVariant variant, String servedBy, Console console) {
    this.store = requireNonNull(store, "store");
    this.variant = requireNonNull(variant, "variant");
    this.servedBy = requireNonNull(servedBy, "servedBy");
    this.console = requireNonNull(console, "console");
  }

  /**
   * Starts {@code variant} on 127.0.0.1:{@code port} (0 picks a free port) with the database at
   * {@code DATABASE_URL}; it listens before the database answers (its health check says when).
   *
   * @throws dev.prooflane.examples.shop.http.SettingException when {@code DATABASE_URL} is missing
   *     or not a PostgreSQL JDBC URL
   * @throws IOException when the port cannot be bound
   */
  public static JsonServer start(ReviewsVariant variant, ServiceEnv env, int port, Console console)
      throws IOException {
    ReviewsService reviews =
        new ReviewsService(ReviewStore.from(env, variant), variant, env.servedBy(), console);
    return JsonServer.start("reviews", port, reviews::answer, () -> {});
  }

  /** Runs {@code variant} as the process's service until it is stopped. */
  static void launch(ReviewsVariant variant) {
    Launcher.launch("reviews", (env, port, console) -> start(variant, env, port, console));
  }

  /** Answers one request. */
  Reply answer(HttpExchange exchange, String body) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String target = query == null ? path : path + "?" + query;
    String key =
        HeaderPropagation.routingKey(HeaderPropagation.extract(exchange.getRequestHeaders()));
    Reply reply;
    String more = "";
    if ("/health".equals(path)) {
      reply = health();
    } else if (!"/reviews".equals(path)) {
      reply =
          withHops(
              Reply.error(
                  404,
                  "not_found",
                  "no route " + path + " (expected: GET /reviews?item=ID or POST /reviews)"));
    } else if ("GET".equals(method)) {
      reply = withHops(list(item(query), target));
    } else if ("POST".equals(method)) {
      reply = withHops(add(body, target));
      if (reply.status() == 201) {
        more =
            " review="
                + reply.body().path("id").asText()
                + " item="
                + reply.body().path("item").asText();
      }
    } else {
      reply =
          withHops(
              Reply.error(
                  405, "method_not_allowed", method + " " + path + " (expected: GET or POST)"));
    }
    console
        .out()
        .println(
            "reviews "
                + servedBy
                + " "
                + method
                + " "
                + target
                + " status="
                + reply.status()
                + " key="
                + (key == null ? "-" : key)
                + more);
    return reply;
  }

  private Reply health() {
    try {
      store.check();
      return Reply.ok(Json.object().put("status", "UP"));
    } catch (SQLException e) {
      return new Reply(
          503, Json.object().put("status", "DOWN").put("message", "database: " + e.getMessage()));
    }
  }

  private Reply list(String item, String target) {
    if (item == null) {
      return Reply.error(
          400, "bad_request", "item: missing (expected: GET /reviews?item=ID, such as item=1)");
    }
    try {
      ObjectNode answer = Json.object().put("item", item);
      answer.set("reviews", store.list(item));
      return Reply.ok(answer);
    } catch (SQLException e) {
      return failed("GET " + target, e);
    }
  }

  private Reply add(String body, String target) {
    NewReview.Result parsed = NewReview.parse(body, variant);
    if (parsed.review().isEmpty()) {
      return Reply.error(400, "bad_request", parsed.problem());
    }
    try {
      return new Reply(201, store.add(parsed.review().get()));
    } catch (SQLException e) {
      return failed("POST " + target, e);
    }
  }

  /**
   * A 503 when the database cannot be reached (SQLSTATE class 08, or a database that does not exist
   * or does not take connections now), else a 500; both carry the database's own message, which
   * also goes to standard error.
   */
  private Reply failed(String request, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean unreachable =
        state.startsWith("08") || state.equals("3D000") || state.startsWith("57P");
    console.err().println("ERROR reviews: " + request + ": database: " + e.getMessage());
    return unreachable
        ? Reply.error(503, "unavailable", "database: " + e.getMessage())
        : Reply.error(500, "internal", "database: " + e.getMessage());
  }

  private Reply withHops(Reply reply) {
    reply.body().putArray("hops").addObject().put("service", "reviews").put("servedBy", servedBy);
    return reply;
  }

  /** The decoded value of {@code item} in the query, or null when absent or empty. */
  private static String item(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if ("item".equals(URLDecoder.decode(name, StandardCharsets.UTF_8)) && eq >= 0) {
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
