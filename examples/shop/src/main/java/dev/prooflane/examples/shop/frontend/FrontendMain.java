package dev.prooflane.examples.shop.frontend;

import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.Launcher;

/**
 * The frontend service; calls catalog at {@code CATALOG_URL} and inventory at {@code
 * INVENTORY_URL}.
 */
public final class FrontendMain {
  private FrontendMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "frontend",
        (env, console) ->
            new FrontendService(
                Downstream.to("catalog", env.url("CATALOG_URL", "catalog")),
                Downstream.to("inventory", env.url("INVENTORY_URL", "inventory"))));
  }
}
