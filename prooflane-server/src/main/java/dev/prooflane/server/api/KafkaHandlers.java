package dev.prooflane.server.api;

import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.RouteWatch;
import dev.prooflane.server.json.KafkaRoutes;
import dev.prooflane.server.kafka.ConsumptionReport;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * The endpoints of message consumers: the sandbox routes they follow (a long poll) and the
 * consumptions they report, each of which becomes a hop.
 */
final class KafkaHandlers {
  /** How long a poll waits for a change when it does not say. */
  static final int DEFAULT_WAIT_SECONDS = 30;

  /** The longest a poll may wait. */
  static final int MAX_WAIT_SECONDS = 60;

  private final LocalRuntime runtime;

  KafkaHandlers(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * {@code GET /kafka/routes?version=V&wait=S}, on the event loop: the routes at once when {@code
   * version} is absent or not the current one, else once they change or {@code wait} seconds have
   * passed.
   */
  void routes(RoutingContext ctx) {
    Long version = version(ctx);
    int wait = Handlers.intParam(ctx, "wait", DEFAULT_WAIT_SECONDS, 0, MAX_WAIT_SECONDS, "seconds");
    RouteWatch watch = runtime.routeWatch();
    RouteWatch.Snapshot now = watch.current();
    if (version == null || version != now.version() || wait == 0) {
      answer(ctx, now);
      return;
    }
    RoutesPoll.start(ctx, watch, version, wait * 1000L, snapshot -> answer(ctx, snapshot));
  }

  /** {@code POST /kafka/consumptions}: every record of the batch becomes a hop, or none does. */
  void consumptions(RoutingContext ctx) {
    ConsumptionReport report =
        ConsumptionReport.read(
            Handlers.body(ctx, "null"), runtime.environment().services().keySet(), Instant.now());
    report.hops().forEach(runtime.hops()::append);
    ctx.response().setStatusCode(204).end();
  }

  private void answer(RoutingContext ctx, RouteWatch.Snapshot snapshot) {
    ctx.response().putHeader("Cache-Control", "no-store");
    Handlers.json(ctx, 200, KafkaRoutes.of(snapshot, runtime.environment().keyNames()));
  }

  private static Long version(RoutingContext ctx) {
    String text = ctx.request().getParam("version");
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "version: '" + text + "' (expected: the version of the routes last answered)");
    }
  }
}
