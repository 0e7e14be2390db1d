package dev.prooflane.mcp;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs one {@link ShopDaemon} for the tests of a class: {@code @RegisterExtension static}. */
final class ShopExtension implements BeforeAllCallback, AfterAllCallback {
  private ShopDaemon shop;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    shop = new ShopDaemon();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (shop != null) {
      shop.close();
    }
  }

  /** The running daemon. */
  ShopDaemon shop() {
    return shop;
  }
}
