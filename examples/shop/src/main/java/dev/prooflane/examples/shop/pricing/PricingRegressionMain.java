package dev.prooflane.examples.shop.pricing;

import dev.prooflane.examples.shop.http.Launcher;

/** Pricing with a regression: a string price for every item and a 500 for item 3. */
public final class PricingRegressionMain {
  private PricingRegressionMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "pricing", (env, console) -> new PricingService(PricingVariant.REGRESSION, console));
  }
}
