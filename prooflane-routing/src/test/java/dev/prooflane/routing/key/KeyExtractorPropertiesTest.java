package dev.prooflane.routing.key;

import static dev.prooflane.routing.HostileText.bounded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.HostileText;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  @Provide
  Arbitrary<Map<String, List<String>>> headers() {
    return Arbitraries.maps(
            Arbitraries.of("baggage", "tracestate", "x-prooflane-key"), HostileText.lines())
        .ofMaxSize(3);
  }

  @Provide
  Arbitrary<String> query() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        HostileText.value(),
        HostileText.value().map(value -> "a=1&pk=" + value + "&pk"));
  }

  @Property(tries = 2000)
  void answersEveryRequestWithAValidKeyAbsenceOrALocatedProblem(
      @ForAll("headers") Map<String, List<String>> headers, @ForAll("query") String query) {
    RequestCarriers request =
        new RequestCarriers() {
          @Override
          public List<String> headers(String lowerCaseName) {
            return headers.getOrDefault(lowerCaseName, List.of());
          }

          @Override
          public String rawQuery() {
            return query;
          }
        };

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
  }

  @Property(tries = 2000)
  void agreesWithRoutingKeyOnEveryValue(@ForAll("value") String value) {
    assertThat(KeyExtractor.isValidKey(value)).isEqualTo(RoutingKey.isValid(value));
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.oneOf(
        HostileText.value(),
        Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(0).ofMaxLength(70));
  }
}
