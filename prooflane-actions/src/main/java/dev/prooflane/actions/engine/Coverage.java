package dev.prooflane.actions.engine;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.PropagationDrop;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proof that the change was exercised: which forked services received keyed traffic during the
 * run (a request the router sent to the fork, or a keyed record the fork's consumer consumed), and
 * the keyed hops recorded.
 *
 * @param exercised per forked service, whether it served at least one keyed request
 * @param keyedHops every hop carrying the run's key, oldest first
 * @param keyTrail where the key went and where it stopped
 */
public record Coverage(
    Map<String, Boolean> exercised, List<HopEntry> keyedHops, KeyTrail keyTrail) {
  public Coverage {
    exercised = Map.copyOf(exercised);
    keyedHops = List.copyOf(keyedHops);
    requireNonNull(keyTrail, "keyTrail");
  }

  /**
   * The coverage of a run against {@code sandbox}: its keyed hops since {@code hopCursor}. Waits
   * briefly for hops the router records just after it responds. When a fork was not exercised, the
   * runtime's drop records of the key name the call sites that dropped it.
   */
  static Coverage measure(RuntimeAccess runtime, SandboxInfo sandbox, long hopCursor) {
    String key = sandbox.key().value();
    Map<String, Boolean> exercised = new LinkedHashMap<>();
    List<HopEntry> all = List.of();
    List<HopEntry> keyed = List.of();
    for (int attempt = 0; attempt < 10; attempt++) {
      all = runtime.hopsSince(hopCursor);
      keyed = all.stream().filter(h -> key.equals(h.routingKey())).toList();
      exercised.clear();
      for (String service : sandbox.forkedServices()) {
        exercised.put(
            service,
            keyed.stream()
                .anyMatch(
                    h -> h.service().equals(service) && h.destination().equals(sandbox.name())));
      }
      if (!exercised.containsValue(Boolean.FALSE)) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<String> unexercised = unexercised(exercised);
    // The drop detectors' records say where the key was lost; only a fork not exercised needs them.
    List<PropagationDrop> records =
        unexercised.isEmpty() ? List.of() : runtime.drops(key).records();
    return new Coverage(exercised, keyed, KeyTrail.of(key, unexercised, all, records));
  }

  /**
   * Whether every forked service served keyed traffic: only then is the change proven exercised.
   */
  public boolean allExercised() {
    return !exercised.containsValue(Boolean.FALSE);
  }

  /**
   * Where the key stopped, in one clause (see {@link KeyTrail#describe}): what explains an
   * unexercised fork.
   */
  public String whereTheKeyStopped() {
    return keyTrail.describe(unexercised());
  }

  /**
   * Whether records are part of the story: a keyed hop or a call charged to a dropper is a
   * consumption hop (the run's messages then say "request or record").
   */
  public boolean involvesRecords() {
    return keyedHops.stream().anyMatch(h -> h.record() != null)
        || keyTrail.drops().stream()
            .anyMatch(d -> d.unkeyedHops().stream().anyMatch(h -> h.record() != null));
  }

  /** The forked services that received no keyed traffic. */
  public List<String> unexercised() {
    return unexercised(exercised);
  }

  private static List<String> unexercised(Map<String, Boolean> exercised) {
    return exercised.entrySet().stream()
        .filter(e -> !e.getValue())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
