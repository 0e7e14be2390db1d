package dev.prooflane.actions.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static Difference at(Object... segments) {
    return Difference.json(List.of(segments), "changed", 1L, 2L);
  }

  @Test
  void coversWhatItNamesAndEverythingUnderIt() {
    assertThat(JsonPath.parse("$.a.b").covers(at("a", "b"))).isTrue();
    assertThat(JsonPath.parse("$.a").covers(at("a", "b", 0))).isTrue();
    assertThat(JsonPath.parse("$.a.b").covers(at("a"))).isFalse();
    assertThat(JsonPath.parse("$.a.b").covers(at("a", "c"))).isFalse();
    assertThat(JsonPath.parse("$").covers(at("x"))).isTrue();
  }

  @Test
  void matchesWildcardsIndexesAndRecursiveDescent() {
    JsonPath any = JsonPath.parse("$.items[*].id");
    assertThat(any.covers(at("items", 3, "id"))).isTrue();
    assertThat(any.covers(at("items", 3, "name"))).isFalse();
    assertThat(JsonPath.parse("$.items[1]").covers(at("items", 1, "id"))).isTrue();
    assertThat(JsonPath.parse("$.items[1]").covers(at("items", 2, "id"))).isFalse();
    assertThat(JsonPath.parse("$.a.*.c").covers(at("a", "b", "c"))).isTrue();
    JsonPath deep = JsonPath.parse("$..updatedAt");
    assertThat(deep.covers(at("updatedAt"))).isTrue();
    assertThat(deep.covers(at("a", 0, "b", "updatedAt"))).isTrue();
    assertThat(deep.covers(at("a", "createdAt"))).isFalse();
    assertThat(JsonPath.parse("$['a b']").covers(at("a b"))).isTrue();
  }

  @Test
  void overlapsParentsForExpectations() {
    JsonPath price = JsonPath.parse("$.items[*].price");
    assertThat(price.overlaps(at("items"))).isTrue();
    assertThat(price.covers(at("items"))).isFalse();
    assertThat(price.overlaps(at("total"))).isFalse();
  }

  @Test
  void rendersConcretePaths() {
    assertThat(JsonPath.render(List.of("items", 0, "name"))).isEqualTo("$.items[0].name");
    assertThat(JsonPath.render(List.of("a b"))).isEqualTo("$['a b']");
  }

  @Test
  void rendersANameThatIsNoIdentifierBracketQuotedWhileItsPatternStillCoversIt() {
    assertThat(at("headers", "x-id").path()).isEqualTo("$.headers['x-id']");
    assertThat(JsonPath.parse("$.headers.x-id").covers(at("headers", "x-id"))).isTrue();
    assertThat(JsonPath.parse("$.headers['x-id']").covers(at("headers", "x-id"))).isTrue();
  }

  @Test
  void refusesMalformedPaths() {
    assertThatThrownBy(() -> JsonPath.parse("price")).hasMessageContaining("expected: a JSON path");
    assertThatThrownBy(() -> JsonPath.parse("$.a[x]")).hasMessageContaining("[x] is not an index");
    assertThatThrownBy(() -> JsonPath.parse("$.a.")).hasMessageContaining("a key is missing");
    assertThatThrownBy(() -> JsonPath.parse("$..")).hasMessageContaining("a key is missing");
  }
}
