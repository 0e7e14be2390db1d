package dev.prooflane.kafka;

import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.testing.GeneratedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class SelectionPropertiesTest {
  private static final List<String> SERVICES = List.of("notifier", "orders", "billing");
  private static final List<String> KEYS = List.of("k-a", "k-b", "k-c", "k-d", "k-e");

  /** Routes of up to five sandboxes with distinct names and keys, each forking some services. */
  private static Gen<Routes> routes() {
    Gen<Integer> mask = Generate.range(0, (1 << SERVICES.size()) - 1);
    Gen<Boolean> up = Generate.booleans();
    return Generate.range(0, KEYS.size())
        .flatMap(
            count ->
                listOf(mask.zip(up, (m, u) -> Map.entry(m, u)), count)
                    .map(
                        forks -> {
                          List<RoutedSandbox> sandboxes = new ArrayList<>();
                          for (int i = 0; i < forks.size(); i++) {
                            Map<String, String> states = new LinkedHashMap<>();
                            for (int s = 0; s < SERVICES.size(); s++) {
                              if ((forks.get(i).getKey() & (1 << s)) != 0) {
                                states.put(
                                    SERVICES.get(s), forks.get(i).getValue() ? "up" : "down");
                              }
                            }
                            sandboxes.add(new RoutedSandbox("sb-" + i, KEYS.get(i), states));
                          }
                          return new Routes(7, KeyNames.DEFAULT, sandboxes);
                        }));
  }

  private static <T> Gen<List<T>> listOf(Gen<T> element, int size) {
    return GeneratedText.listOf(element, size, size);
  }

  /** A record's key: none, a key of a sandbox (maybe not in the routes), or an unknown one. */
  private static Gen<String> key() {
    return Generate.pick(List.of("k-a", "k-b", "k-c", "k-d", "k-e", "k-unknown", ""))
        .map(k -> k.isEmpty() ? null : k);
  }

  record Case(Routes routes, String service, String key) {}

  private static Gen<Case> cases() {
    return routes().zip(Generate.pick(SERVICES), key(), Case::new);
  }

  @Test
  void baselineSkipsExactlyTheKeysOfSandboxesThatForkItsService() {
    tries(2000)
        .check(
            cases(),
            c -> {
              Decision decision =
                  Selection.of(c.routes(), c.service(), Optional.empty()).decide(c.key());

              boolean forkedKey =
                  c.routes().sandboxes().stream()
                      .anyMatch(s -> s.key().equals(c.key()) && s.forks().containsKey(c.service()));
              assertThat(decision).isEqualTo(forkedKey ? Decision.SKIP_FORKED : Decision.DELIVER);
            });
  }

  @Test
  void forkTakesOnlyItsOwnSandboxKey() {
    tries(2000)
        .check(
            cases().zip(Generate.range(0, KEYS.size()), (c, i) -> Map.entry(c, "sb-" + i)),
            pair -> {
              Case c = pair.getKey();
              String sandbox = pair.getValue();
              Decision decision =
                  Selection.of(c.routes(), c.service(), Optional.of(sandbox)).decide(c.key());

              boolean own =
                  c.routes().sandboxes().stream()
                      .anyMatch(s -> s.name().equals(sandbox) && s.key().equals(c.key()));
              assertThat(decision).isEqualTo(own ? Decision.DELIVER : Decision.SKIP_NOT_OURS);
            });
  }

  @Test
  void everyRecordReachesExactlyOneInstanceOfAService() {
    tries(2000)
        .check(
            cases(),
            c -> {
              List<String> takers = new ArrayList<>();
              if (Selection.of(c.routes(), c.service(), Optional.empty())
                  .decide(c.key())
                  .delivers()) {
                takers.add("baseline");
              }
              for (RoutedSandbox sandbox : c.routes().sandboxes()) {
                if (sandbox.forks(c.service())
                    && Selection.of(c.routes(), c.service(), Optional.of(sandbox.name()))
                        .decide(c.key())
                        .delivers()) {
                  takers.add(sandbox.name());
                }
              }

              assertThat(takers).hasSize(1);
            });
  }

  @Test
  void aForkThatIsDownStillHoldsItsRecordsBackFromTheBaseline() {
    tries(1000)
        .check(
            cases(),
            c -> {
              List<RoutedSandbox> down = new ArrayList<>();
              for (RoutedSandbox sandbox : c.routes().sandboxes()) {
                Map<String, String> states = new LinkedHashMap<>();
                sandbox.forks().keySet().forEach(service -> states.put(service, "down"));
                down.add(new RoutedSandbox(sandbox.name(), sandbox.key(), states));
              }
              Routes allDown = new Routes(8, KeyNames.DEFAULT, down);

              assertThat(Selection.of(allDown, c.service(), Optional.empty()).decide(c.key()))
                  .isEqualTo(
                      Selection.of(c.routes(), c.service(), Optional.empty()).decide(c.key()));
            });
  }

  @Test
  void unkeyedRecordsGoToTheBaselineOnly() {
    tries(500)
        .check(
            routes().zip(Generate.pick(SERVICES), Map::entry),
            pair -> {
              Routes routes = pair.getKey();
              String service = pair.getValue();

              assertThat(Selection.of(routes, service, Optional.empty()).decide(null))
                  .isEqualTo(Decision.DELIVER);
              for (RoutedSandbox sandbox : routes.sandboxes()) {
                assertThat(Selection.of(routes, service, Optional.of(sandbox.name())).decide(null))
                    .isEqualTo(Decision.SKIP_NOT_OURS);
              }
            });
  }

  @Test
  void acrossADeletionEveryRecordOfTheDeletedKeyIsTakenByTheBaselineOrTheLeavingFork() {
    tries(1000)
        .check(
            cases(),
            c -> {
              for (RoutedSandbox deleted : c.routes().sandboxes()) {
                if (!deleted.forks(c.service())) {
                  continue;
                }
                List<RoutedSandbox> rest = new ArrayList<>(c.routes().sandboxes());
                rest.remove(deleted);
                Routes after = new Routes(9, KeyNames.DEFAULT, rest);
                Optional<String> fork = Optional.of(deleted.name());
                Selection forkBefore = Selection.of(c.routes(), c.service(), fork);
                Selection forkAfter = Selection.of(after, c.service(), fork, forkBefore.ownKey());
                // the baseline may still poll under the routes before while the fork polls under
                // those after: some instance takes each record of the deleted sandbox's key
                boolean baselineBefore =
                    Selection.of(c.routes(), c.service(), Optional.empty())
                        .decide(deleted.key())
                        .delivers();

                assertThat(baselineBefore || forkAfter.decide(deleted.key()).delivers()).isTrue();
                assertThat(forkAfter.decide(c.key()).delivers())
                    .isEqualTo(deleted.key().equals(c.key()));
              }
            });
  }
}
