package dev.prooflane.examples.shop.inventory;

import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.warehouse.WarehouseClient;

/** The inventory service; calls the warehouse (gRPC) at {@code WAREHOUSE_TARGET}. */
public final class InventoryMain {
  private InventoryMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "inventory",
        (env, console) ->
            new InventoryService(WarehouseClient.to(env.target("WAREHOUSE_TARGET", "warehouse"))));
  }
}
