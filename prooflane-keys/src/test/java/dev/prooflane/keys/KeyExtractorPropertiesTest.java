package dev.prooflane.keys;

import static dev.prooflane.keys.HostileText.bounded;
import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.testing.GeneratedText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class KeyExtractorPropertiesTest {
  private static final KeyNames NAMES =
      new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.of("pk"));
  private static final List<String> CARRIERS =
      List.of(
          "baggage member 'prooflane-key'",
          "tracestate member 'prooflane-key'",
          "header 'x-prooflane-key'",
          "query parameter 'pk'");

  private final KeyExtractor extractor = new KeyExtractor(NAMES);

  /** A request's headers (by lower-case name) and raw query, as the extractor sees them. */
  record Request(Map<String, List<String>> headers, String query) implements RequestCarriers {
    @Override
    public List<String> headers(String lowerCaseName) {
      return headers.getOrDefault(lowerCaseName, List.of());
    }

    @Override
    public String rawQuery() {
      return query;
    }
  }

  /** Up to three of the carrier headers, each with one to three hostile lines. */
  private static Gen<Map<String, List<String>>> headers() {
    Gen<Map.Entry<String, List<String>>> header =
        Generate.pick(List.of("baggage", "tracestate", "x-prooflane-key"))
            .zip(HostileText.lines(), Map::entry);
    return GeneratedText.listOf(header, 0, 3)
        .map(
            entries -> {
              Map<String, List<String>> headers = new LinkedHashMap<>();
              entries.forEach(e -> headers.put(e.getKey(), e.getValue()));
              return headers;
            });
  }

  /** No query, a hostile one, or a hostile key parameter between others. */
  private static Gen<String> query() {
    return Generate.oneOf(
        Generate.constant((String) null),
        HostileText.value(),
        HostileText.value().map(value -> "a=1&pk=" + value + "&pk"));
  }

  @Test
  void answersEveryRequestWithAValidKeyAbsenceOrALocatedProblem() {
    tries(2000)
        .check(
            headers().zip(query(), Request::new),
            request -> {
              KeyResult result = bounded(() -> extractor.extract(request));

              assertThat(result).isNotNull();
              if (result instanceof KeyResult.Present present) {
                assertThat(RoutingKey.isValid(present.key())).isTrue();
                assertThat(new RoutingKey(present.key()).value()).isEqualTo(present.key());
                assertThat(present.carrier()).isIn(CARRIERS);
              } else if (result instanceof KeyResult.Invalid invalid) {
                assertThat(invalid.carrier()).isIn(CARRIERS);
                assertThat(invalid.message()).contains(invalid.carrier());
                assertThat(invalid.message().chars()).noneMatch(c -> c == '\r' || c == '\n');
              }
            });
  }

  @Test
  void agreesWithRoutingKeyOnEveryValue() {
    tries(2000)
        .check(
            Generate.oneOf(GeneratedText.textOf("abcXYZ019._-", 0, 70), HostileText.value()),
            value ->
                assertThat(KeyExtractor.isValidKey(value)).isEqualTo(RoutingKey.isValid(value)));
  }
}
