package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.SandboxRoute;
import dev.prooflane.routing.Upstream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteWatchTest {
  private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
  private static final ForkTarget UP = new ForkTarget.Running(new Upstream("127.0.0.1", 1, "x#1"));
  private static final ForkTarget DOWN = new ForkTarget.Down("starting");

  @Test
  void aNewVersionComesWithEveryChangeOfTheListAndOnlyThen() {
    RouteWatch watch = new RouteWatch(100);
    List<Long> heard = new ArrayList<>();
    Runnable stop = watch.onChange(s -> heard.add(s.version()));

    change(watch, route("b", Map.of("n", DOWN)));
    change(watch, route("b", Map.of("n", DOWN)));
    change(watch, route("b", Map.of("n", UP)));
    change(watch, route("a", Map.of()));
    stop.run();
    watch.changed("a", Optional::empty, () -> CREATED);
    watch.changed("b", Optional::empty, () -> CREATED);
    watch.changed("c", Optional::empty, () -> CREATED);

    assertThat(heard).containsExactly(101L, 102L, 103L);
    assertThat(watch.current().version()).isEqualTo(105);
    assertThat(watch.current().sandboxes()).isEmpty();
  }

  @Test
  void listsSandboxesByNameWithTheStateOfEachFork() {
    RouteWatch watch = new RouteWatch(0);

    change(watch, route("b", Map.of("orders", DOWN, "notifier", UP)));
    change(watch, route("a", Map.of()));

    assertThat(watch.current().sandboxes())
        .extracting(RouteWatch.RoutedSandbox::name)
        .containsExactly("a", "b");
    RouteWatch.RoutedSandbox b = watch.current().sandboxes().get(1);
    assertThat(b.key()).isEqualTo("key" + "b");
    assertThat(b.created()).isEqualTo(CREATED);
    assertThat(b.forks()).containsExactly(Map.entry("notifier", "up"), Map.entry("orders", "down"));
  }

  @Test
  void aListenerThatFailsStopsNeitherTheChangeNorTheOtherListeners() {
    RouteWatch watch = new RouteWatch(0);
    List<Long> heard = new ArrayList<>();
    watch.onChange(
        s -> {
          throw new IllegalStateException("broken listener");
        });
    watch.onChange(s -> heard.add(s.version()));

    change(watch, route("a", Map.of()));

    assertThat(heard).containsExactly(1L);
    assertThat(watch.current().version()).isEqualTo(1);
  }

  @Test
  void aChangeOfOneSandboxLeavesTheOthersAsTheyWere() {
    // what keeps a change from costing as much as there are sandboxes: the others are not read
    RouteWatch watch = new RouteWatch(0);
    for (int i = 0; i < 100; i++) {
      change(watch, route("s" + i, Map.of("n", UP)));
    }
    List<RouteWatch.RoutedSandbox> before = watch.current().sandboxes();

    change(watch, route("s50", Map.of("n", DOWN)));

    List<RouteWatch.RoutedSandbox> after = watch.current().sandboxes();
    assertThat(after).hasSize(100);
    for (int i = 0; i < after.size(); i++) {
      if (after.get(i).name().equals("s50")) {
        assertThat(after.get(i).forks()).containsExactly(Map.entry("n", "down"));
      } else {
        assertThat(after.get(i)).isSameAs(before.get(i));
      }
    }
  }

  /** Tells {@code watch} that the table holds {@code route} for its sandbox now. */
  private static void change(RouteWatch watch, SandboxRoute route) {
    watch.changed(route.sandbox(), () -> Optional.of(route), () -> CREATED);
  }

  private static SandboxRoute route(String name, Map<String, ForkTarget> forks) {
    return new SandboxRoute(name, new RoutingKey("key" + name), forks);
  }
}
