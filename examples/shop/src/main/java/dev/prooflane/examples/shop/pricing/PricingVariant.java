package dev.prooflane.examples.shop.pricing;

/** Which version of pricing runs; each has its own main class so a sandbox can fork it. */
public enum PricingVariant {
  /** The list price, as a number: {@code {"id":"1","price":12.50,"currency":"EUR"}}. */
  BASELINE,
  /**
   * The change under validation: 10% off, rounded to cents, with {@code "discount":"10%"} and
   * {@code "listPrice"}; logs {@code pricing: applied discount 10% to item <id>}.
   */
  DISCOUNT,
  /**
   * A broken version of the discount: the price is a JSON string, and item 3 answers 500 with an
   * {@code ERROR pricing: ...} line on standard error.
   */
  REGRESSION
}
