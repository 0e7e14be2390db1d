package dev.prooflane.kubernetes.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeyMatchersTest {
  private static final List<KeyMatchers.Condition> CONDITIONS =
      KeyMatchers.of(new RoutingKey("k7q2.m9"), KeyNames.DEFAULT);

  /** Envoy matches RE2 against the whole value; Java's matches() does the same. */
  private static boolean matches(String header, String value) {
    KeyMatchers.Condition c =
        CONDITIONS.stream().filter(x -> x.header().equals(header)).findFirst().orElseThrow();
    return c.regex()
        ? Pattern.compile(c.value()).matcher(value).matches()
        : c.value().equals(value);
  }

  @Test
  void baggageMatchesTheMemberAnywhereWithSpacesAndProperties() {
    assertThat(matches("baggage", "prooflane-key=k7q2.m9")).isTrue();
    assertThat(matches("baggage", "userId=7, prooflane-key = k7q2.m9 ;ttl=3, x=y")).isTrue();
    assertThat(matches("baggage", "a=1,prooflane-key=k7q2.m9")).isTrue();
  }

  @Test
  void baggageRejectsOtherKeysMembersAndProperties() {
    assertThat(matches("baggage", "prooflane-key=k7q2.m99")).isFalse();
    assertThat(matches("baggage", "prooflane-key=k7q2xm9")).isFalse();
    assertThat(matches("baggage", "xprooflane-key=k7q2.m9")).isFalse();
    assertThat(matches("baggage", "a=1;prooflane-key=k7q2.m9")).isFalse();
  }

  @Test
  void tracestateMatchesTheMemberAmongVendors() {
    assertThat(matches("tracestate", "rojo=00f067aa0ba902b7,prooflane-key=k7q2.m9")).isTrue();
    assertThat(matches("tracestate", "prooflane-key=k7q2.m9, congo=t61rcWkgMzE")).isTrue();
    assertThat(matches("tracestate", "prooflane-key=k7q2.m9x")).isFalse();
  }

  @Test
  void thePlainHeaderIsAnExactMatch() {
    assertThat(matches("x-prooflane-key", "k7q2.m9")).isTrue();
    assertThat(CONDITIONS)
        .extracting(KeyMatchers.Condition::header)
        .containsExactly("baggage", "tracestate", "x-prooflane-key");
  }
}
