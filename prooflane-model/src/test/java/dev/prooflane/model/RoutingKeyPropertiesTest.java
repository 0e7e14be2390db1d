package dev.prooflane.model;

import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.testing.GeneratedText;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class RoutingKeyPropertiesTest {

  private static Gen<String> value() {
    return Generate.oneOf(
        GeneratedText.textOf("abcXYZ019._-", 60, 68),
        GeneratedText.anyText(100),
        GeneratedText.textOf("azAZ09._-,;= \r\n\u0000é", 0, 70));
  }

  @Test
  void constructsExactlyTheValuesIsValidAccepts() {
    tries(2000)
        .check(
            value(),
            value -> {
              if (RoutingKey.isValid(value)) {
                assertThat(new RoutingKey(value).value()).isEqualTo(value);
                assertThat(value)
                    .hasSizeBetween(1, RoutingKey.MAX_LENGTH)
                    .matches("[A-Za-z0-9._-]+");
              } else {
                assertThatThrownBy(() -> new RoutingKey(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("routing key: '")
                    .hasMessageNotContaining("\r")
                    .hasMessageNotContaining("\n");
              }
            });
  }
}
