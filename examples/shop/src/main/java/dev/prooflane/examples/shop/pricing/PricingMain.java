package dev.prooflane.examples.shop.pricing;

import dev.prooflane.examples.shop.http.Launcher;

/** The baseline pricing service. */
public final class PricingMain {
  private PricingMain() {}

  public static void main(String[] args) {
    Launcher.launch(
        "pricing", (env, console) -> new PricingService(PricingVariant.BASELINE, console));
  }
}
