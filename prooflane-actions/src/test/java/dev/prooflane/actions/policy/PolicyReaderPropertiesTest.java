package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.testing.HostileYaml;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.KnownSpecBugs;
import dev.prooflane.model.spec.ReaderProperty;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Any text given to {@link PolicyReader} yields a valid policy or a {@link SpecException} whose
 * every problem is located in the file (a line, or a field path), in bounded time; never another
 * exception. Inputs whose outcome is a known, reported bug ({@link KnownSpecBugs}) are skipped,
 * never passed.
 */
class PolicyReaderPropertiesTest {
  private static final String NAME = "policy.yaml";
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();

  /** The full example of docs/policy.md: valid, and the seed of the broken files. */
  private static final String EXAMPLE =
      HostileYaml.firstYamlBlock(HostileYaml.repoFile("docs/policy.md"));

  @Test
  void readsAnyPolicyOrLocatesEveryProblem() {
    ReaderProperty.check(
            1000,
            HostileYaml.policyFile(List.of(EXAMPLE, "{}\n")),
            NAME,
            PolicyReaderPropertiesTest::parse,
            (text, policy) -> {
              assertThat(policy.source()).isEqualTo(NAME);
              policy
                  .enabledActions()
                  .ifPresent(enabled -> assertThat(ACTIONS).containsAll(enabled));
            })
        .assertOccurred(ReaderProperty.READ, ReaderProperty.LOCATED);
  }

  @Test
  void theFullExampleOfTheDocsIsAValidPolicy() {
    Policy policy = parse(EXAMPLE);

    assertThat(policy.enabledActions().orElseThrow()).contains("http");
    assertThat(policy.sandboxes().maxTtl()).isPresent();
  }

  private static Policy parse(String text) {
    return PolicyReader.parse(NAME, text, ACTIONS);
  }
}
