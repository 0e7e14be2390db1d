package dev.prooflane.examples.shop.inventory;

import dev.prooflane.examples.shop.http.Launcher;

/** The inventory service. */
public final class InventoryMain {
  private InventoryMain() {}

  public static void main(String[] args) {
    Launcher.launch("inventory", (env, console) -> new InventoryService());
  }
}
