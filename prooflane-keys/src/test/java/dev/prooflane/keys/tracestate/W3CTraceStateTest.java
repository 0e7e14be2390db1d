package dev.prooflane.keys.tracestate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class W3CTraceStateTest {

  @Test
  void parsesMembersWithOptionalWhitespaceAroundCommas() {
    assertThat(W3CTraceState.parse(List.of("rojo=00f067aa0ba902b7 ,\tcongo=t61rcWkgMzE ")))
        .containsExactly(entry("rojo", "00f067aa0ba902b7"), entry("congo", "t61rcWkgMzE"));
  }

  @Test
  void acceptsMultiTenantKeysAndValuesWithInnerSpaces() {
    assertThat(W3CTraceState.parse(List.of("tenant@vendor=a b c")))
        .containsExactly(entry("tenant@vendor", "a b c"));
  }

  @Test
  void combinesSeveralHeaderLines() {
    assertThat(W3CTraceState.valuesOf(List.of("a=1", "prooflane-key=k1"), "prooflane-key"))
        .containsExactly("k1");
  }

  @Test
  void skipsMalformedMembers() {
    assertThat(W3CTraceState.parse(List.of("Upper=1,=x,novalue,bad=a=b,good=1,@x=1,a@=2")))
        .containsExactly(entry("good", "1"));
  }

  @Test
  void readsThirtyTwoMembersAndBeyond() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      members.add("vendor" + i + "=v" + i);
    }
    members.add("prooflane-key=late");

    assertThat(W3CTraceState.parse(List.of(String.join(",", members)))).hasSize(34);
    assertThat(W3CTraceState.valuesOf(List.of(String.join(" , ", members)), "prooflane-key"))
        .containsExactly("late");
  }

  @Test
  void doesNotMatchKeysThatOnlyContainTheName() {
    assertThat(
            W3CTraceState.valuesOf(List.of("x-prooflane-key=1,prooflane-keys=2"), "prooflane-key"))
        .isEmpty();
  }
}
