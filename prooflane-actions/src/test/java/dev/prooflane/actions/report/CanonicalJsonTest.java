package dev.prooflane.actions.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sortsKeysRecursivelyWithoutWhitespace() throws Exception {
    JsonNode node =
        JSON.readTree("{ \"b\": [ {\"z\": 1, \"a\": null} ], \"a\": {\"é\": \"ü\", \"B\": true} }");

    assertThat(new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":{\"B\":true,\"é\":\"ü\"},\"b\":[{\"a\":null,\"z\":1}]}");
  }

  @Test
  void ordersKeysByUtf16CodeUnitsAsRfc8785Does() throws Exception {
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33 by UTF-16 code units, after it by code
    // points; RFC 8785 uses code units.
    JsonNode node = JSON.readTree("{\"\uFB33\":1,\"\uD83D\uDE00\":2}");

    assertThat(new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8))
        .isEqualTo("{\"\uD83D\uDE00\":2,\"\uFB33\":1}");
  }

  @Test
  void isStableAcrossAWriteAndReadOfTheNormalizedTree() throws Exception {
    JsonNode tree =
        JsonValues.of(Runs.map("d", 0.1 + 0.2, "big", 1e21, "n", 7L, "s", "\u0001\"\\"));
    JsonNode normalized = CanonicalJson.normalize(tree);
    JsonNode reread =
        JSON.readTree(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(normalized));

    assertThat(CanonicalJson.bytes(reread)).isEqualTo(CanonicalJson.bytes(normalized));
  }
}
