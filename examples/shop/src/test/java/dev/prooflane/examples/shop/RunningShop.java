package dev.prooflane.examples.shop;

import dev.prooflane.examples.shop.catalog.CatalogService;
import dev.prooflane.examples.shop.frontend.FrontendService;
import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.ShopServer;
import dev.prooflane.examples.shop.inventory.InventoryService;
import dev.prooflane.examples.shop.pricing.PricingService;
import dev.prooflane.examples.shop.pricing.PricingVariant;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The four services in this JVM on free loopback ports, each with its own captured console. */
final class RunningShop implements AutoCloseable {
  final CapturedConsole pricingLog = new CapturedConsole();
  final CapturedConsole inventoryLog = new CapturedConsole();
  final CapturedConsole catalogLog = new CapturedConsole();
  final CapturedConsole frontendLog = new CapturedConsole();
  private final List<ShopServer> servers = new ArrayList<>();
  final ShopServer pricing;
  final ShopServer inventory;
  final ShopServer catalog;
  final ShopServer frontend;

  private RunningShop(PricingVariant variant, String pricingServedBy) throws IOException {
    pricing =
        track(
            ShopServer.start(
                new PricingService(variant, pricingLog.console),
                pricingServedBy,
                0,
                pricingLog.console));
    inventory =
        track(ShopServer.start(new InventoryService(), "baseline", 0, inventoryLog.console));
    catalog =
        track(
            ShopServer.start(
                CatalogService.propagating(pricing.url()), "baseline", 0, catalogLog.console));
    frontend =
        track(
            ShopServer.start(
                new FrontendService(
                    Downstream.to("catalog", catalog.url()),
                    Downstream.to("inventory", inventory.url())),
                "baseline",
                0,
                frontendLog.console));
  }

  /** Baseline catalog, inventory and frontend; pricing as {@code variant}, served by the name. */
  static RunningShop start(PricingVariant variant, String pricingServedBy) throws IOException {
    return new RunningShop(variant, pricingServedBy);
  }

  URI frontendUrl() {
    return frontend.url();
  }

  private ShopServer track(ShopServer server) {
    servers.add(server);
    return server;
  }

  @Override
  public void close() {
    servers.forEach(ShopServer::close);
  }
}
