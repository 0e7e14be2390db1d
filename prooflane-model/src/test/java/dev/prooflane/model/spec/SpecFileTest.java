package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.SpecException;
import org.junit.jupiter.api.Test;

class SpecFileTest {
  @Test
  void refusesAValueThatHoldsItselfAtItsLine() {
    assertThatThrownBy(() -> SpecFile.parse("f.yaml", "a: 1\nb: &w {that: [*w]}\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(
            "f.yaml:2:4: this value holds itself (an alias *x inside its own anchor &x)");
    assertThatThrownBy(() -> SpecFile.parse("f.yaml", "&top [x, [y, *top]]\n"))
        .hasMessageContaining("holds itself");
  }

  @Test
  void acceptsAliasesThatShareAValueWithoutCycles() {
    SpecFile file = SpecFile.parse("f.yaml", "a: &v {k: 1}\nb: [*v, *v]\nc: {d: *v}\n");
    assertThat(file.root().entries()).containsOnlyKeys("a", "b", "c");
  }

  @Test
  void reportsATagSnakeYamlRefusesAsAProblem() {
    assertThatThrownBy(() -> SpecFile.parse("f.yaml", "!::%a"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("f.yaml")
        .hasMessageContaining("YAML: Tag must not contain leading or trailing spaces");
  }
}
