package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.ActionCall;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.http.Replay;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A run's control request: its first keyed request sent again without the key, to show whether the
 * baseline still answers it. The {@code http} package knows how ({@link Replay}); the engine only
 * runs what it gets.
 */
final class ControlRequest {
  private ControlRequest() {}

  /**
   * The exchange of the control request, or null when the run sent no keyed request or it failed.
   */
  static Exchange send(Run run, List<StepResult> steps) {
    Optional<Exchange> keyed =
        SkillEngine.flatten(steps).stream()
            .flatMap(s -> s.exchanges().stream())
            .filter(Exchange::keyed)
            .findFirst();
    if (keyed.isEmpty()) {
      return null;
    }
    SkillEngine engine = run.engine();
    ActionCall replay = Replay.withoutKey(keyed.get(), engine.runtime().keyNames());
    if (!engine.actions().names().contains(replay.action())) {
      return null;
    }
    long deadline = System.nanoTime() + engine.options().stepTimeout().toNanos();
    try {
      ActionResult r =
          new StepContext(run, Path.of("."), "control", deadline, 0)
              .runAction(replay.action(), replay.with());
      return r.exchanges().isEmpty() ? null : r.exchanges().get(0);
    } catch (Exception e) {
      return null;
    }
  }
}
