package dev.prooflane.examples.shop.inventory;

import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;
import java.util.Map;

/** Answers {@code GET /stock/{id}} with {@code {"id":..,"inStock":..}} for items 1 to 5. */
public final class InventoryService implements ShopService {
  static final Map<String, Boolean> IN_STOCK =
      Map.of("1", true, "2", true, "3", true, "4", false, "5", true);

  @Override
  public String name() {
    return "inventory";
  }

  @Override
  public String resource() {
    return "stock";
  }

  @Override
  public Reply handle(ItemRequest request) {
    Boolean inStock = IN_STOCK.get(request.id());
    if (inStock == null) {
      return Reply.notFound(request.id());
    }
    return Reply.ok(Json.object().put("id", request.id()).put("inStock", inStock));
  }
}
