package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.testing.HostileYaml;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.KnownSpecBugs;
import dev.prooflane.model.spec.LocatedProblems;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any text given to {@link PolicyReader} yields a valid policy or a {@link SpecException} whose
 * every problem is located in the file (a line, or a field path), in bounded time; never another
 * exception. Inputs whose outcome is a known, reported bug ({@link KnownSpecBugs}) are skipped,
 * never passed.
 */
class PolicyReaderPropertiesTest {
  private static final String NAME = "policy.yaml";
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();
  private static final Duration CALL_BOUND = Duration.ofSeconds(5);

  /** The full example of docs/policy.md: valid, and the seed of the broken files. */
  private static final String EXAMPLE =
      HostileYaml.firstYamlBlock(HostileYaml.repoFile("docs/policy.md"));

  @Provide
  Arbitrary<String> policyFile() {
    return HostileYaml.policyFile(List.of(EXAMPLE, "{}\n"));
  }

  @Property(tries = 1000, maxDiscardRatio = 10)
  void readsAnyPolicyOrLocatesEveryProblem(@ForAll("policyFile") String text) {
    try {
      Policy policy = assertTimeoutPreemptively(CALL_BOUND, () -> parse(text));

      assertThat(policy.source()).isEqualTo(NAME);
      policy.enabledActions().ifPresent(enabled -> assertThat(ACTIONS).containsAll(enabled));
      Statistics.label("outcome").collect("policy");
    } catch (SpecException e) {
      Assume.that(!KnownSpecBugs.any(e));
      LocatedProblems.assertLocated(e, NAME);
      Statistics.label("outcome").collect("located problems");
    }
    Statistics.label("outcome")
        .coverage(
            outcomes -> {
              outcomes.check("policy").count(n -> n > 0);
              outcomes.check("located problems").count(n -> n > 0);
            });
  }

  @Example
  void theFullExampleOfTheDocsIsAValidPolicy() {
    Policy policy = parse(EXAMPLE);

    assertThat(policy.enabledActions().orElseThrow()).contains("http");
    assertThat(policy.sandboxes().maxTtl()).isPresent();
  }

  private static Policy parse(String text) {
    return PolicyReader.parse(NAME, text, ACTIONS);
  }
}
