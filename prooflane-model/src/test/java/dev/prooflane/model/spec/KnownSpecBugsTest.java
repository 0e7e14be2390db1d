package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reproducer per bug in {@link KnownSpecBugs}, asserting today's wrong behaviour. When one of
 * these fails, the bug was fixed: delete the reproducer and its case in {@link KnownSpecBugs}, so
 * the properties in {@link SpecReaderPropertiesTest} check that input class again.
 */
class KnownSpecBugsTest {
  private static final Path FILE = Path.of("/nonexistent/prooflane/prooflane.yaml");
  private static final String SERVICE = "services:\n  a:\n    command: x\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a0: &a0 [x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
            + "a2: [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n",
        "\uFFFF",
        "name: \uD800"
      })
  void readersReportSomeYamlErrorsAtLineZero(String text) {
    assertThatThrownBy(() -> EnvironmentReader.parse(FILE, text))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .anyMatch(KnownSpecBugs::isUnmarkedYamlError));
  }

  @ParameterizedTest
  @ValueSource(strings = {"services:\n", "services: ~\n", "name: shop\nservices: null\n"})
  void environmentReaderAcceptsAServicesFieldWithoutAValue(String text) {
    assertThat(EnvironmentReader.parse(FILE, text))
        .matches(KnownSpecBugs::isEnvironmentWithoutServices);
  }
}
