package dev.prooflane.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyExtractorTest {
  private final KeyExtractor extractor = new KeyExtractor(KeyNames.DEFAULT);

  private static RequestCarriers request(Map<String, List<String>> headers, String query) {
    return new RequestCarriers() {
      @Override
      public List<String> headers(String lowerCaseName) {
        return headers.getOrDefault(lowerCaseName, List.of());
      }

      @Override
      public String rawQuery() {
        return query;
      }
    };
  }

  private static RequestCarriers headers(Map<String, List<String>> headers) {
    return request(headers, null);
  }

  @Test
  void findsNoKeyWhenNoCarrierHoldsOne() {
    assertThat(extractor.extract(headers(Map.of("baggage", List.of("user=1")))))
        .isEqualTo(KeyResult.ABSENT);
  }

  @Test
  void readsEachCarrierAlone() {
    assertThat(extractor.extract(headers(Map.of("baggage", List.of("prooflane-key=k1")))))
        .isEqualTo(new KeyResult.Present("k1", "baggage member 'prooflane-key'"));
    assertThat(extractor.extract(headers(Map.of("tracestate", List.of("prooflane-key=k2")))))
        .isEqualTo(new KeyResult.Present("k2", "tracestate member 'prooflane-key'"));
    assertThat(extractor.extract(headers(Map.of("x-prooflane-key", List.of("k3")))))
        .isEqualTo(new KeyResult.Present("k3", "header 'x-prooflane-key'"));
  }

  @Test
  void reportsTheHighestPrecedenceCarrierWhenSeveralAgree() {
    KeyResult result =
        extractor.extract(
            headers(
                Map.of(
                    "x-prooflane-key", List.of("same"),
                    "tracestate", List.of("prooflane-key=same"),
                    "baggage", List.of("prooflane-key=same"))));

    assertThat(result).isEqualTo(new KeyResult.Present("same", "baggage member 'prooflane-key'"));
  }

  @Test
  void rejectsKeysThatDisagreeAcrossCarriersNamingBoth() {
    KeyResult result =
        extractor.extract(
            headers(
                Map.of(
                    "tracestate", List.of("prooflane-key=one"),
                    "x-prooflane-key", List.of("two"))));

    assertThat(result).isInstanceOf(KeyResult.Invalid.class);
    KeyResult.Invalid invalid = (KeyResult.Invalid) result;
    assertThat(invalid.carrier()).isEqualTo("header 'x-prooflane-key'");
    assertThat(invalid.message())
        .contains("tracestate member 'prooflane-key' is 'one'")
        .contains("header 'x-prooflane-key' is 'two'");
  }

  @Test
  void rejectsDisagreeingValuesWithinOneCarrier() {
    assertThat(
            extractor.extract(
                headers(Map.of("baggage", List.of("prooflane-key=a", "prooflane-key=b")))))
        .isInstanceOf(KeyResult.Invalid.class);
  }

  @Test
  void rejectsInvalidCharactersNamingTheCarrier() {
    KeyResult result =
        extractor.extract(headers(Map.of("baggage", List.of("prooflane-key=a%2Fb"))));

    assertThat(result)
        .isEqualTo(
            new KeyResult.Invalid(
                "baggage member 'prooflane-key'",
                "routing key in baggage member 'prooflane-key' is invalid: 'a/b' (expected: 1 to 64"
                    + " characters of A-Z a-z 0-9 . _ -)"));
  }

  @Test
  void rejectsMalformedBaggageMemberCarryingTheKeyInsteadOfSilentlyIgnoringIt() {
    KeyResult result = extractor.extract(headers(Map.of("baggage", List.of("prooflane-key=a b"))));

    assertThat(result).isInstanceOf(KeyResult.Invalid.class);
    assertThat(((KeyResult.Invalid) result).carrier()).isEqualTo("baggage member 'prooflane-key'");
  }

  @Test
  void rejectsKeysLongerThanSixtyFourCharacters() {
    assertThat(extractor.extract(headers(Map.of("x-prooflane-key", List.of("k".repeat(65))))))
        .isInstanceOf(KeyResult.Invalid.class);
  }

  @Test
  void readsTheQueryOnlyWhenConfigured() {
    RequestCarriers request = request(Map.of(), "a=1&pk=k%2Dq");
    KeyExtractor withQuery =
        new KeyExtractor(
            new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.of("pk")));

    assertThat(extractor.extract(request)).isEqualTo(KeyResult.ABSENT);
    assertThat(withQuery.extract(request))
        .isEqualTo(new KeyResult.Present("k-q", "query parameter 'pk'"));
  }

  @Test
  void usesTheConfiguredNamesOfAnotherTool() {
    KeyExtractor signadot = new KeyExtractor(KeyNames.compat("signadot").orElseThrow());

    assertThat(signadot.extract(headers(Map.of("baggage", List.of("sd-routing-key=abc")))))
        .isEqualTo(new KeyResult.Present("abc", "baggage member 'sd-routing-key'"));
    assertThat(signadot.extract(headers(Map.of("baggage", List.of("prooflane-key=abc")))))
        .isEqualTo(KeyResult.ABSENT);
  }

  @Test
  void validatesKeysExactlyLikeTheModel() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x180; c++) {
      every.append(c);
    }
    List<String> samples = new ArrayList<>(List.of("", "a", "key-500", "A.b_c-9"));
    samples.add("k".repeat(RoutingKey.MAX_LENGTH));
    samples.add("k".repeat(RoutingKey.MAX_LENGTH + 1));
    for (int i = 0; i < every.length(); i++) {
      samples.add("k" + every.charAt(i));
      samples.add(String.valueOf(every.charAt(i)));
    }

    for (String sample : samples) {
      assertThat(KeyExtractor.isValidKey(sample))
          .as("'%s'", sample)
          .isEqualTo(RoutingKey.isValid(sample));
    }
  }
}
