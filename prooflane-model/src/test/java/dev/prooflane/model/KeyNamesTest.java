package dev.prooflane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.KeyCarrier.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyNamesTest {
  @Test
  void carriersComeInTheRoutersOrderOfPrecedence() {
    KeyNames names = new KeyNames("b", "t", "X-H", Optional.of("q"));

    assertThat(names.carriers())
        .containsExactly(
            new KeyCarrier(Kind.BAGGAGE, "b"),
            new KeyCarrier(Kind.TRACESTATE, "t"),
            new KeyCarrier(Kind.HEADER, "x-h"),
            new KeyCarrier(Kind.QUERY, "q"));
  }

  @Test
  void anEmptyNameCarriesNothing() {
    KeyNames names = new KeyNames("", "t", "", Optional.of(""));

    assertThat(names.carriers()).containsExactly(new KeyCarrier(Kind.TRACESTATE, "t"));
    assertThat(names.query()).isEmpty();
    assertThat(KeyNames.DEFAULT.carriers()).extracting(KeyCarrier::kind).doesNotContain(Kind.QUERY);
  }

  @Test
  void eachCarrierSaysWhichHeaderHoldsTheKeyAndHow() {
    KeyNames signadot = KeyNames.compat("signadot").orElseThrow();

    assertThat(signadot.carriers())
        .extracting(c -> c.header().orElse("(url)") + " " + c.value("k1"))
        .containsExactly(
            "baggage sd-routing-key=k1",
            "tracestate sd-routing-key=k1",
            "uberctx-sd-routing-key k1");
    KeyCarrier query = new KeyCarrier(Kind.QUERY, "pk");
    assertThat(query.header()).isEmpty();
    assertThat(query.value("k1")).isEqualTo("k1");
  }

  @Test
  void messagesNameTheCarrierAndItsName() {
    assertThat(KeyNames.DEFAULT.carriers())
        .extracting(KeyCarrier::label)
        .containsExactly(
            "baggage member 'prooflane-key'",
            "tracestate member 'prooflane-key'",
            "header 'x-prooflane-key'");
    assertThat(new KeyCarrier(Kind.QUERY, "pk").label()).isEqualTo("query parameter 'pk'");
  }

  @Test
  void aCarrierNeedsAName() {
    assertThatThrownBy(() -> new KeyCarrier(Kind.HEADER, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name: empty (expected: the header's name)");
  }
}
