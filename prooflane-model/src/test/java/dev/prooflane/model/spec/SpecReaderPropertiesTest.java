package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Any text given to the spec readers yields a valid spec or a {@link SpecException} whose every
 * problem is located in the file (a line, or a field path), in bounded time. Inputs whose outcome
 * is a known, reported bug ({@link KnownSpecBugs}) are skipped, never passed.
 */
class SpecReaderPropertiesTest {
  private static final Path ENVIRONMENT = Path.of("/nonexistent/prooflane/prooflane.yaml");
  private static final String SANDBOX = "sandbox.yaml";

  @Test
  void readsAnyEnvironmentFileOrLocatesEveryProblem() {
    ReaderProperty.check(
            1500,
            YamlText.specFile(),
            ENVIRONMENT.toString(),
            text -> EnvironmentReader.parse(ENVIRONMENT, text),
            (text, environment) -> {
              assertThat(environment.services()).as("no service is dropped silently").isNotEmpty();
              assertThat(environment.services().keySet()).allMatch(name -> text.contains(name));
            })
        .assertFewSkipped();
  }

  @Test
  void readsAnySandboxFileOrLocatesEveryProblem() {
    ReaderProperty.check(
            1500,
            YamlText.specFile(),
            SANDBOX,
            text -> SandboxSpecReader.parse(SANDBOX, text),
            (text, spec) -> {
              assertThat(spec.forks()).isNotEmpty();
              assertThat(text).contains(spec.name());
            })
        .assertFewSkipped();
  }
}
