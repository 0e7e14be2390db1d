package dev.prooflane.examples.shop.warehouse;

/** The warehouse after a delivery: item 4 is back in stock (8 on hand). */
public final class WarehouseRestockedMain {
  private WarehouseRestockedMain() {}

  public static void main(String[] args) {
    WarehouseMain.launch(WarehouseVariant.RESTOCKED);
  }
}
