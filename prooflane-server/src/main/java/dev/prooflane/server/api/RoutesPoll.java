package dev.prooflane.server.api;

import dev.prooflane.local.RouteWatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * One long poll of {@code GET /kafka/routes} waiting on the event loop, no thread parked: it
 * answers with the first new version of the routes, or with the version it waited on once its time
 * is up, whichever comes first; a client that goes away ends it without an answer. Every step runs
 * on the request's event loop, so the first one wins and the others find it done.
 */
final class RoutesPoll {
  private final RoutingContext ctx;
  private final RouteWatch watch;
  private final Consumer<RouteWatch.Snapshot> answer;
  private final Vertx vertx;
  private boolean done;
  private long timer = -1;
  private Runnable unsubscribe = () -> {};

  private RoutesPoll(RoutingContext ctx, RouteWatch watch, Consumer<RouteWatch.Snapshot> answer) {
    this.ctx = ctx;
    this.watch = watch;
    this.answer = answer;
    this.vertx = ctx.vertx();
  }

  /**
   * Waits up to {@code waitMillis} for a version of {@code watch} other than {@code version}, then
   * calls {@code answer} with the routes in force. Call it on the request's event loop.
   */
  static void start(
      RoutingContext ctx,
      RouteWatch watch,
      long version,
      long waitMillis,
      Consumer<RouteWatch.Snapshot> answer) {
    RoutesPoll poll = new RoutesPoll(ctx, watch, answer);
    Context context = ctx.vertx().getOrCreateContext();
    poll.unsubscribe = watch.onChange(s -> context.runOnContext(v -> poll.finish(s)));
    poll.timer = poll.vertx.setTimer(waitMillis, id -> poll.finish(watch.current()));
    ctx.response().closeHandler(v -> poll.finish(null));
    // a change between the caller's look and the subscription above is not missed
    RouteWatch.Snapshot now = watch.current();
    if (now.version() != version) {
      poll.finish(now);
    }
  }

  /** Answers with {@code snapshot} (none when null: the client left), once. */
  private void finish(RouteWatch.Snapshot snapshot) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    unsubscribe.run();
    if (snapshot != null && !ctx.response().closed()) {
      answer.accept(snapshot);
    }
  }
}
