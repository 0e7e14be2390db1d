package dev.prooflane.bench.overhead;

import dev.prooflane.bench.Series;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.SandboxRoute;
import dev.prooflane.routing.Upstream;
import dev.prooflane.server.audit.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the writes and the route swap of a creation cost on their own, in a state folder on the same
 * disk as the daemon's: one sandbox record written as the daemon writes it (SQLite, WAL, backup
 * kept), one audit record (appended and forced to disk), one route table swap.
 */
final class AloneCosts {
  private AloneCosts() {}

  /** Prints the p50/p95 of {@code n} of each, after {@code n} unmeasured ones. */
  static void print(Path dir, int n) {
    StateFolder state = StateFolder.of(dir);
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "<bench>", "{\"name\":\"alone\",\"forks\":[{\"service\":\"echo\"}]}");
    Sandbox sandbox =
        new Sandbox(
            spec,
            RoutingKey.generate(),
            SandboxPhase.READY,
            Instant.now(),
            Optional.empty(),
            List.of(),
            "");
    Series record = new Series();
    Series audit = new Series();
    Series swap = new Series();
    try (StateStore store =
            StateStore.open(state.stateDb(), state.stateBackup(), dir.resolve("aside.db"));
        AuditLog log = AuditLog.open(state, details -> details);
        Router router = Router.start(RouterOptions.defaults())) {
      for (int i = 0; i < 2 * n; i++) {
        long t = System.nanoTime();
        store.putSandbox(sandbox);
        long u = System.nanoTime();
        log.record("bench", "sandbox.created", Map.of("sandbox", "alone", "i", i));
        long v = System.nanoTime();
        SandboxRoute route =
            new SandboxRoute(
                "alone",
                sandbox.routingKey(),
                Map.of(
                    "echo",
                    new ForkTarget.Running(new Upstream("127.0.0.1", 9, "alone/echo#" + i))));
        router.update(table -> table.withSandbox(route));
        long w = System.nanoTime();
        if (i >= n) {
          record.add((u - t) / 1e6);
          audit.add((v - u) / 1e6);
          swap.add((w - v) / 1e6);
        }
      }
    }
    line("state record (SQLite, alone)", record);
    line("audit record (fsync, alone)", audit);
    line("route swap (alone)", swap);
  }

  private static void line(String what, Series s) {
    System.out.printf("  %-34s p50 %7.2f ms  p95 %7.2f ms%n", what, s.p(50), s.p(95));
  }
}
