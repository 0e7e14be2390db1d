package dev.prooflane.examples.shop.orders;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Json;
import java.util.Optional;

/**
 * An order as {@code POST /orders} takes it and the {@code orders} topic carries it.
 *
 * @param id the order's id, given by the orders service
 * @param item what was ordered
 * @param qty how many, at least 1
 */
public record Order(String id, String item, long qty) {
  public Order {
    requireNonNull(id, "id");
    requireNonNull(item, "item");
    if (qty < 1) {
      throw new IllegalArgumentException("qty: " + qty + " (expected: >= 1)");
    }
  }

  /**
   * The order in a request body {@code {"item": "book", "qty": 2}}, or why it is not one, such as
   * {@code qty: 0 (expected: a whole number >= 1)}.
   */
  static Result parse(String id, String body) {
    JsonNode json = Json.parseOrText(body);
    if (!json.isObject()) {
      return new Result(Optional.empty(), "body: expected a JSON object {item, qty}");
    }
    JsonNode item = json.path("item");
    if (!item.isTextual() || item.asText().isBlank()) {
      return new Result(Optional.empty(), "item: " + item + " (expected: a non-empty text)");
    }
    JsonNode qty = json.path("qty");
    if (!qty.canConvertToLong() || !qty.isIntegralNumber() || qty.asLong() < 1) {
      return new Result(Optional.empty(), "qty: " + qty + " (expected: a whole number >= 1)");
    }
    return new Result(Optional.of(new Order(id, item.asText(), qty.asLong())), null);
  }

  /** The order, or the problem with the body. */
  record Result(Optional<Order> order, String problem) {}

  /** {@code {"id":..,"item":..,"qty":..}}. */
  public ObjectNode toJson() {
    return Json.object().put("id", id).put("item", item).put("qty", qty);
  }
}
