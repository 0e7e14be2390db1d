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

    watch.changed(() -> List.of(route("b", Map.of("n", DOWN))), name -> CREATED);
    watch.changed(() -> List.of(route("b", Map.of("n", DOWN))), name -> CREATED);
    watch.changed(
        () -> List.of(route("b", Map.of("n", UP)), route("a", Map.of())), name -> CREATED);
    stop.run();
    watch.changed(List::of, name -> CREATED);

    assertThat(heard).containsExactly(101L, 102L);
    assertThat(watch.current().version()).isEqualTo(103);
    assertThat(watch.current().sandboxes()).isEmpty();
  }

  @Test
  void listsSandboxesByNameWithTheStateOfEachFork() {
    RouteWatch watch = new RouteWatch(0);

    watch.changed(
        () -> List.of(route("b", Map.of("orders", DOWN, "notifier", UP)), route("a", Map.of())),
        name -> CREATED);

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

    watch.changed(() -> List.of(route("a", Map.of())), name -> CREATED);

    assertThat(heard).containsExactly(1L);
    assertThat(watch.current().version()).isEqualTo(1);
  }

  private static SandboxRoute route(String name, Map<String, ForkTarget> forks) {
    return new SandboxRoute(name, new RoutingKey("key" + name), forks);
  }
}
