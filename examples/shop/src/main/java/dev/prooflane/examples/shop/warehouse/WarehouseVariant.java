package dev.prooflane.examples.shop.warehouse;

/** Which version of the warehouse runs; each has its own main class so a sandbox can fork it. */
public enum WarehouseVariant {
  /** The stock as it is: item 4 is sold out ({@code "quantity":0}). */
  BASELINE,
  /**
   * A delivery arrived: item 4 has 8 on hand, so the shop shows it in stock; logs {@code warehouse:
   * item 4 restocked, 8 on hand}.
   */
  RESTOCKED
}
