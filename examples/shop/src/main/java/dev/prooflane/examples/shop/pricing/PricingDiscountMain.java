package dev.prooflane.examples.shop.pricing;

import dev.prooflane.examples.shop.http.Launcher;

/** Pricing with the 10% discount: the change a sandbox validates. */
public final class PricingDiscountMain {
  private PricingDiscountMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "pricing", (env, console) -> new PricingService(PricingVariant.DISCOUNT, console));
  }
}
