package dev.prooflane.examples.shop.catalog;

import dev.prooflane.examples.shop.http.Launcher;

/**
 * A catalog with a propagation bug: it calls pricing without trace context or baggage, so the
 * routing key is lost at this hop and pricing is always the baseline.
 */
public final class CatalogDropsKeyMain {
  private CatalogDropsKeyMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "catalog", (env, console) -> CatalogService.droppingKey(env.url("PRICING_URL", "pricing")));
  }
}
