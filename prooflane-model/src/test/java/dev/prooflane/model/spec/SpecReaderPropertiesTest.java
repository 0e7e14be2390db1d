package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.model.Environment;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any text given to the spec readers yields a valid spec or a {@link SpecException} whose every
 * problem is located in the file (a line, or a field path), in bounded time. Inputs whose outcome
 * is a known, reported bug ({@link KnownSpecBugs}) are skipped, never passed.
 */
class SpecReaderPropertiesTest {
  private static final Path ENVIRONMENT = Path.of("/nonexistent/prooflane/prooflane.yaml");
  private static final String SANDBOX = "sandbox.yaml";
  private static final Duration CALL_BOUND = Duration.ofSeconds(5);

  @Provide
  Arbitrary<String> specFile() {
    return YamlText.specFile();
  }

  @Property(tries = 1500, maxDiscardRatio = 10)
  void readsAnyEnvironmentFileOrLocatesEveryProblem(@ForAll("specFile") String text) {
    try {
      Environment environment = bounded(() -> EnvironmentReader.parse(ENVIRONMENT, text));

      assertThat(environment.services()).as("no service is dropped silently").isNotEmpty();
      assertThat(environment.services().keySet()).allMatch(name -> text.contains(name));
    } catch (SpecException e) {
      assertLocated(e, ENVIRONMENT.toString());
    }
  }

  @Property(tries = 1500, maxDiscardRatio = 10)
  void readsAnySandboxFileOrLocatesEveryProblem(@ForAll("specFile") String text) {
    try {
      SandboxSpec spec = bounded(() -> SandboxSpecReader.parse(SANDBOX, text));

      assertThat(spec.forks()).isNotEmpty();
      assertThat(text).contains(spec.name());
    } catch (SpecException e) {
      assertLocated(e, SANDBOX);
    }
  }

  private static void assertLocated(SpecException e, String file) {
    Assume.that(!KnownSpecBugs.any(e));
    LocatedProblems.assertLocated(e, file);
  }

  private static <T> T bounded(Supplier<T> call) {
    return assertTimeoutPreemptively(CALL_BOUND, call::get);
  }
}
