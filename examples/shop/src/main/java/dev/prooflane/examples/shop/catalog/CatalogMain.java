package dev.prooflane.examples.shop.catalog;

import dev.prooflane.examples.shop.http.Launcher;

/** The catalog service; calls pricing at {@code PRICING_URL}. */
public final class CatalogMain {
  private CatalogMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "catalog", (env, console) -> CatalogService.propagating(env.url("PRICING_URL", "pricing")));
  }
}
