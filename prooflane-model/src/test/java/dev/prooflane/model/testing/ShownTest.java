package dev.prooflane.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShownTest {
  record Request(Map<String, List<String>> headers, String query) {}

  @Test
  void escapesControlCharactersSurrogatesAndQuotes() {
    assertThat(Shown.of("a\n\r\t\u0000\"\\é\uD800"))
        .isEqualTo("\"a\\n\\r\\t\\u0000\\\"\\\\\\u00e9\\ud800\"");
  }

  @Test
  void cutsLongTextAndNamesItsLength() {
    String shown = Shown.of("x".repeat(400_000));

    assertThat(shown)
        .startsWith("\"" + "x".repeat(Shown.SHOWN) + "\"")
        .endsWith("... (400000 characters)")
        .hasSizeLessThan(Shown.SHOWN + 40);
  }

  @Test
  void showsTheTextInsideListsMapsAndRecords() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("baggage", List.of("k=\n", "y".repeat(300)));

    assertThat(Shown.of(new Request(headers, null)))
        .startsWith("Request[headers={\"baggage\"=[\"k=\\n\", \"yyy")
        .endsWith("... (300 characters)]}, query=null]");
  }
}
