package dev.prooflane.actions.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLocationTest {
  private static String path(Object... segments) {
    return JsonLocation.of(List.of(segments)).toString();
  }

  @Test
  void writesPlainNamesInDotNotationAndIndexesInBrackets() {
    assertThat(JsonLocation.ROOT).hasToString("$");
    assertThat(path("price")).isEqualTo("$.price");
    assertThat(path("items", 0, "price")).isEqualTo("$.items[0].price");
    assertThat(path("_id", "v2", "prix€")).isEqualTo("$._id.v2.prix€");
  }

  @Test
  void bracketQuotesEveryNameThatIsNoMemberNameShorthand() {
    assertThat(path("x-id")).isEqualTo("$['x-id']");
    assertThat(path("a b")).isEqualTo("$['a b']");
    assertThat(path("$ref")).isEqualTo("$['$ref']");
    assertThat(path("2fa")).isEqualTo("$['2fa']");
    assertThat(path("")).isEqualTo("$['']");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersAsANormalizedPath() {
    assertThat(path("it's")).isEqualTo("$['it\\'s']");
    assertThat(path("a\\b")).isEqualTo("$['a\\\\b']");
    assertThat(path("line\nnext\t\u0001")).isEqualTo("$['line\\nnext\\t\\u0001']");
  }

  @Test
  void addsAChildToACopy() {
    JsonLocation items = JsonLocation.ROOT.child("items");

    assertThat(items.child(3).child("x-id")).hasToString("$.items[3]['x-id']");
    assertThat(items).hasToString("$.items");
  }

  @Test
  void refusesASegmentThatIsNeitherANameNorAnIndex() {
    assertThatThrownBy(() -> JsonLocation.ROOT.child(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segments: -1 (expected: a member name or an index >= 0)");
    assertThatThrownBy(() -> JsonLocation.ROOT.child(1L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
