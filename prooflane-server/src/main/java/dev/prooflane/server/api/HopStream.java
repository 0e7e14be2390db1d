package dev.prooflane.server.api;

import dev.prooflane.local.LocalRuntime;
import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.sandboxes.SandboxService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /hops/stream}: the hops the router serves, as they are recorded, as Server-Sent Events
 * ({@code event: hop}, the id its seq), filtered by key, sandbox or service; first the last {@code
 * backlog} that match, or every kept one after {@code Last-Event-ID}.
 */
final class HopStream {
  /** How often the hop log is read for new hops: the most a hop waits before it is sent. */
  static final long POLL_MILLIS = 20;

  private final LocalRuntime runtime;
  private final SandboxService sandboxes;

  HopStream(LocalRuntime runtime, SandboxService sandboxes) {
    this.runtime = runtime;
    this.sandboxes = sandboxes;
  }

  void stream(RoutingContext ctx) {
    String key = ctx.request().getParam("key");
    String sandbox = ctx.request().getParam("sandbox");
    if (sandbox != null) {
      key = sandboxes.routingKey(sandbox).value();
    }
    String service = ctx.request().getParam("service");
    if (service != null) {
      runtime.environment().service(service); // an unknown name is a 404 naming the services
    }
    int backlog = Handlers.intParam(ctx, "backlog", 0, 0, 1_000);
    long resume = EventStream.resumeFrom(ctx);
    String wantedKey = key;
    Predicate<HopRecord> wanted =
        hop ->
            EventStream.matches(wantedKey, hop.routingKey())
                && EventStream.matches(service, hop.service());
    HopLog log = runtime.hops();
    long[] cursor = {resume >= 0 ? resume : lastSeq(log)};
    EventStream out = EventStream.open(ctx);
    if (resume < 0 && backlog > 0) {
      List<HopRecord> recent = log.recent(log.capacity()).stream().filter(wanted).toList();
      for (HopRecord hop : recent.subList(Math.max(0, recent.size() - backlog), recent.size())) {
        out.send("hop", hop.seq(), hop);
      }
    }
    out.every(
        POLL_MILLIS,
        () -> {
          for (HopRecord hop : log.since(cursor[0])) {
            cursor[0] = hop.seq();
            if (wanted.test(hop) && !out.send("hop", hop.seq(), hop)) {
              return;
            }
          }
        });
  }

  private static long lastSeq(HopLog log) {
    List<HopRecord> last = log.recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }
}
