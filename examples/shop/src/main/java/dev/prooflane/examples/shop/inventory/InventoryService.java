package dev.prooflane.examples.shop.inventory;

import static java.util.Objects.requireNonNull;

import dev.prooflane.examples.shop.http.ItemRequest;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import dev.prooflane.examples.shop.http.ShopService;
import dev.prooflane.examples.shop.warehouse.WarehouseClient;

/**
 * Answers {@code GET /stock/{id}} with {@code {"id":..,"inStock":..}}: in stock when the
 * warehouse's {@code shop.Warehouse/Stock} has at least one on hand.
 */
public final class InventoryService implements ShopService {
  private final WarehouseClient warehouse;

  /** Inventory over {@code warehouse}; closing the service closes the client. */
  public InventoryService(WarehouseClient warehouse) {
    this.warehouse = requireNonNull(warehouse, "warehouse");
  }

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
    WarehouseClient.Stock stock = warehouse.stock(request);
    return switch (stock.status().getCode()) {
      case OK ->
          Reply.ok(Json.object().put("id", request.id()).put("inStock", stock.quantity() > 0));
      case NOT_FOUND -> Reply.notFound(request.id());
      default ->
          Reply.grpcFailed(
              "warehouse", stock.status().getCode().name(), stock.status().getDescription());
    };
  }

  @Override
  public void close() {
    warehouse.close();
  }
}
