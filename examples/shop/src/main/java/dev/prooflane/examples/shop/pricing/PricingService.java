package dev.prooflane.examples.shop.pricing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Answers {@code GET /prices/{id}} with the price of items 1 to 5 in EUR. */
public final class PricingService implements ShopService {
  static final Map<String, BigDecimal> LIST_PRICES =
      Map.of(
          "1", new BigDecimal("12.50"),
          "2", new BigDecimal("24.90"),
          "3", new BigDecimal("7.99"),
          "4", new BigDecimal("149.00"),
          "5", new BigDecimal("3.20"));

  private static final BigDecimal DISCOUNT_FACTOR = new BigDecimal("0.90");

  /** The item the regression fails on. */
  private static final String BROKEN_ITEM = "3";

  private final PricingVariant variant;
  private final Console console;

  /** Pricing as {@code variant}, logging to {@code console}. */
  public PricingService(PricingVariant variant, Console console) {
    this.variant = requireNonNull(variant, "variant");
    this.console = requireNonNull(console, "console");
  }

  @Override
  public String name() {
    return "pricing";
  }

  @Override
  public String resource() {
    return "prices";
  }

  @Override
  public Reply handle(ItemRequest request) {
    String id = request.id();
    BigDecimal listPrice = LIST_PRICES.get(id);
    if (listPrice == null) {
      return Reply.notFound(id);
    }
    return switch (variant) {
      case BASELINE ->
          Reply.ok(Json.object().put("id", id).put("price", listPrice).put("currency", "EUR"));
      case DISCOUNT -> discount(id, listPrice);
      case REGRESSION -> regression(id, listPrice);
    };
  }

  private Reply discount(String id, BigDecimal listPrice) {
    console.out().println("pricing: applied discount 10% to item " + id);
    return Reply.ok(discountBody(id, listPrice).put("price", discounted(listPrice)));
  }

  private Reply regression(String id, BigDecimal listPrice) {
    if (BROKEN_ITEM.equals(id)) {
      console
          .err()
          .println("ERROR pricing: no discount rule for item " + id + " (lookup returned null)");
      return Reply.error(500, "internal", "price lookup failed for item " + id);
    }
    // the bug: the price is formatted as text instead of written as a number
    return Reply.ok(
        discountBody(id, listPrice).put("price", discounted(listPrice).toPlainString()));
  }

  private static ObjectNode discountBody(String id, BigDecimal listPrice) {
    ObjectNode body = Json.object().put("id", id);
    body.putNull("price"); // keeps the field order id, price, currency; the caller sets the price
    return body.put("currency", "EUR").put("discount", "10%").put("listPrice", listPrice);
  }

  static BigDecimal discounted(BigDecimal listPrice) {
    return listPrice.multiply(DISCOUNT_FACTOR).setScale(2, RoundingMode.HALF_UP);
  }
}
