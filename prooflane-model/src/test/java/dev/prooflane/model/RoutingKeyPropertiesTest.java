package dev.prooflane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoutingKeyPropertiesTest {

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(100),
        Arbitraries.strings().withChars("azAZ09._-,;= \r\n\u0000é").ofMaxLength(70),
        Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(60).ofMaxLength(68));
  }

  @Property(tries = 2000)
  void constructsExactlyTheValuesIsValidAccepts(@ForAll("value") String value) {
    if (RoutingKey.isValid(value)) {
      assertThat(new RoutingKey(value).value()).isEqualTo(value);
      assertThat(value).hasSizeBetween(1, RoutingKey.MAX_LENGTH).matches("[A-Za-z0-9._-]+");
    } else {
      assertThatThrownBy(() -> new RoutingKey(value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("routing key: '")
          .hasMessageNotContaining("\r")
          .hasMessageNotContaining("\n");
    }
  }
}
