package dev.prooflane.examples.shop.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.DownstreamReply;
import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;
import java.net.URI;
import java.util.Map;

/**
 * Answers {@code GET /items/{id}} with the item's name and description and the price fields from
 * pricing's {@code GET /prices/{id}}.
 */
public final class CatalogService implements ShopService {
  /** A catalog entry. */
  record Item(String name, String description) {}

  static final Map<String, Item> ITEMS =
      Map.of(
          "1", new Item("Espresso cup", "Double-walled glass, 80 ml"),
          "2", new Item("French press", "Borosilicate glass, 1 l"),
          "3", new Item("Coffee grinder", "Conical steel burrs, hand-cranked"),
          "4", new Item("Barista kettle", "Gooseneck spout, 0.6 l"),
          "5", new Item("Paper filters", "Size 2, pack of 100"));

  private final Downstream pricing;

  private CatalogService(Downstream pricing) {
    this.pricing = requireNonNull(pricing, "pricing");
  }

  /** The catalog: asks pricing at {@code pricingUrl}, propagating trace context and baggage. */
  public static CatalogService propagating(URI pricingUrl) {
    return new CatalogService(Downstream.to("pricing", pricingUrl));
  }

  /**
   * The catalog with a propagation bug: asks pricing at {@code pricingUrl} without trace context or
   * baggage, so the routing key never reaches pricing.
   */
  public static CatalogService droppingKey(URI pricingUrl) {
    return new CatalogService(Downstream.to("pricing", pricingUrl).withoutPropagation());
  }

  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public String resource() {
    return "items";
  }

  @Override
  public Reply handle(ItemRequest request) throws InterruptedException {
    String id = request.id();
    Item item = ITEMS.get(id);
    if (item == null) {
      return Reply.notFound(id);
    }
    DownstreamReply price = pricing.get(Downstream.path("prices", id), request);
    if (!price.ok()) {
      return Reply.downstreamFailed(price);
    }
    ObjectNode body =
        Json.object().put("id", id).put("name", item.name()).put("description", item.description());
    ObjectNode priceFields = price.fields();
    priceFields.remove("id");
    body.setAll(priceFields);
    return Reply.ok(body);
  }
}
