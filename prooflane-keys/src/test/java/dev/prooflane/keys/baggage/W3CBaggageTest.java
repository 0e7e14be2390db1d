package dev.prooflane.keys.baggage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class W3CBaggageTest {

  @Test
  void parsesMembersWithOptionalWhitespaceAroundEveryDelimiter() {
    assertThat(W3CBaggage.parse(List.of(" a = 1 ,\tb=2\t;\tp = x , c =3")))
        .containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
  }

  @Test
  void ignoresPropertiesButKeepsThemOnTheMember() {
    assertThat(W3CBaggage.members(List.of("k=v;prop1=x;flag")))
        .containsExactly(new BaggageMember("k", "v", "prop1=x;flag"));
  }

  @Test
  void percentDecodesValuesAsUtf8AndKeepsPlus() {
    assertThat(W3CBaggage.parse(List.of("city=S%C3%A3o%20Paulo,sum=1+1,pct=100%25")))
        .containsExactly(entry("city", "São Paulo"), entry("sum", "1+1"), entry("pct", "100%"));
  }

  @Test
  void combinesSeveralHeaderLinesInOrder() {
    assertThat(W3CBaggage.parse(List.of("a=1", "b=2,c=3", "a=9")))
        .containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
  }

  @Test
  void skipsMalformedMembersAndKeepsTheRest() {
    assertThat(
            W3CBaggage.parse(
                List.of("novalue, =nokey, bad key=1, q=\"quoted\", ok=1,, ;x=1, pct=%zz, last=2")))
        .containsExactly(entry("ok", "1"), entry("last", "2"));
  }

  @Test
  void handlesSixtyFourMembersAndTheKeyInTheLastOne() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 63; i++) {
      members.add("member" + i + "=value" + i);
    }
    members.add("prooflane-key=k64");

    BaggageLookup lookup = W3CBaggage.lookup(List.of(String.join(",", members)), "prooflane-key");

    assertThat(W3CBaggage.parse(List.of(String.join(",", members)))).hasSize(64);
    assertThat(lookup.values()).containsExactly("k64");
  }

  @Test
  void handles8192BytesWithTheKeyAtTheEnd() {
    StringBuilder header = new StringBuilder("filler=");
    String tail = ",prooflane-key=deep-key";
    while (header.length() < 8192 - tail.length()) {
      header.append('x');
    }
    header.append(tail);

    assertThat(header).hasSize(8192);
    assertThat(W3CBaggage.lookup(List.of(header.toString()), "prooflane-key").values())
        .containsExactly("deep-key");
  }

  @Test
  void lookupReportsMalformedMemberCarryingTheKey() {
    BaggageLookup lookup =
        W3CBaggage.lookup(List.of("a=1, prooflane-key=bad\"value"), "prooflane-key");

    assertThat(lookup.values()).isEmpty();
    assertThat(lookup.problems())
        .singleElement()
        .asString()
        .contains("baggage member 'prooflane-key'")
        .contains("not allowed");
  }

  @Test
  void lookupFindsEveryOccurrenceAndIgnoresKeyTextInsideOtherMembers() {
    BaggageLookup lookup =
        W3CBaggage.lookup(
            List.of("note=prooflane-key, prooflane-key=a", "x-prooflane-key=z, prooflane-key=b"),
            "prooflane-key");

    assertThat(lookup.values()).containsExactly("a", "b");
    assertThat(lookup.problems()).isEmpty();
  }

  @Test
  void lookupWithoutTheKeyIsEmpty() {
    assertThat(W3CBaggage.lookup(List.of("a=1,b=2"), "prooflane-key").isEmpty()).isTrue();
  }
}
