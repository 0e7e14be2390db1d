package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.http.ShopServer;
import dev.prooflane.examples.shop.pricing.PricingService;
import dev.prooflane.examples.shop.pricing.PricingVariant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PricingVariantsTest {
  private final CapturedConsole log = new CapturedConsole();
  private ShopServer pricing;

  @AfterEach
  void stop() {
    pricing.close();
  }

  private Answer price(PricingVariant variant, String id) throws Exception {
    pricing = ShopServer.start(new PricingService(variant, log.console), "pr-7", 0, log.console);
    return TestHttp.get(pricing.url(), "/prices/" + id);
  }

  @ParameterizedTest
  @CsvSource({"1, 12.50", "2, 24.90", "3, 7.99", "4, 149.00", "5, 3.20"})
  void baselineAnswersTheListPriceAsANumber(String id, String expected) throws Exception {
    Answer answer = price(PricingVariant.BASELINE, id);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.body();
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("price").isNumber()).isTrue();
    assertThat(body.get("price").decimalValue()).isEqualTo(expected);
    assertThat(body.get("currency").asText()).isEqualTo("EUR");
    assertThat(body.has("discount")).isFalse();
    assertThat(body.get("hops").toString())
        .isEqualTo("[{\"service\":\"pricing\",\"servedBy\":\"pr-7\"}]");
  }

  @ParameterizedTest
  @CsvSource({"1, 11.25, 12.50", "3, 7.19, 7.99", "4, 134.10, 149.00", "5, 2.88, 3.20"})
  void discountTakesTenPercentOffRoundedToCents(String id, String price, String listPrice)
      throws Exception {
    Answer answer = price(PricingVariant.DISCOUNT, id);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode body = answer.body();
    assertThat(body.get("price").isNumber()).isTrue();
    assertThat(body.get("price").decimalValue()).isEqualTo(price);
    assertThat(body.get("listPrice").decimalValue()).isEqualTo(listPrice);
    assertThat(body.get("discount").asText()).isEqualTo("10%");
    assertThat(log.out()).contains("pricing: applied discount 10% to item " + id);
  }

  @ParameterizedTest
  @CsvSource({"1, 11.25", "2, 22.41", "4, 134.10", "5, 2.88"})
  void regressionAnswersThePriceAsAString(String id, String price) throws Exception {
    Answer answer = price(PricingVariant.REGRESSION, id);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("price").isTextual()).isTrue();
    assertThat(answer.body().get("price").asText()).isEqualTo(price);
  }

  @Test
  void regressionFailsItemThreeWithA500AndAnErrorLine() throws Exception {
    Answer answer = price(PricingVariant.REGRESSION, "3");

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body().get("error").asText()).isEqualTo("internal");
    assertThat(answer.body().get("message").asText()).contains("item 3");
    assertThat(answer.body().get("hops").findValuesAsText("servedBy")).containsExactly("pr-7");
    assertThat(log.err())
        .anyMatch(line -> line.startsWith("ERROR pricing: ") && line.contains("3"));
    assertThat(log.out()).contains("pricing pr-7 GET /prices/3 status=500 key=-");
  }

  @ParameterizedTest
  @EnumSource(PricingVariant.class)
  void unknownItemIs404InEveryVariant(PricingVariant variant) throws Exception {
    Answer answer = price(variant, "6");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body().get("error").asText()).isEqualTo("not_found");
    assertThat(answer.body().get("id").asText()).isEqualTo("6");
  }
}
