package dev.prooflane.examples.shop;

import dev.prooflane.examples.shop.catalog.CatalogService;
import dev.prooflane.examples.shop.frontend.FrontendService;
import dev.prooflane.examples.shop.grpc.GrpcServer;
import dev.prooflane.examples.shop.http.Downstream;
import dev.prooflane.examples.shop.http.Launcher;
import dev.prooflane.examples.shop.http.ShopServer;
import dev.prooflane.examples.shop.inventory.InventoryService;
import dev.prooflane.examples.shop.pricing.PricingService;
import dev.prooflane.examples.shop.pricing.PricingVariant;
import dev.prooflane.examples.shop.warehouse.WarehouseClient;
import dev.prooflane.examples.shop.warehouse.WarehouseService;
import dev.prooflane.examples.shop.warehouse.WarehouseVariant;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The five services in this JVM on free loopback ports, each with its own captured console. */
final class RunningShop implements AutoCloseable {
  final CapturedConsole pricingLog = new CapturedConsole();
  final CapturedConsole warehouseLog = new CapturedConsole();
  final CapturedConsole inventoryLog = new CapturedConsole();
  final CapturedConsole catalogLog = new CapturedConsole();
  final CapturedConsole frontendLog = new CapturedConsole();
  private final List<Launcher.Running> servers = new ArrayList<>();
  final ShopServer pricing;
  final GrpcServer warehouse;
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
    warehouse =
        track(
            GrpcServer.start(
                "warehouse",
                "baseline",
                0,
                warehouseLog.console,
                new WarehouseService(WarehouseVariant.BASELINE, warehouseLog.console)
                    .bindService()));
    inventory =
        track(
            ShopServer.start(
                new InventoryService(WarehouseClient.to(warehouse.address())),
                "baseline",
                0,
                inventoryLog.console));
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

  /**
   * Baseline warehouse, inventory, catalog and frontend; pricing as {@code variant}, served by the
   * name.
   */
  static RunningShop start(PricingVariant variant, String pricingServedBy) throws IOException {
    return new RunningShop(variant, pricingServedBy);
  }

  URI frontendUrl() {
    return frontend.url();
  }

  private <S extends Launcher.Running> S track(S server) {
    servers.add(server);
    return server;
  }

  @Override
  public void close() {
    servers.forEach(Launcher.Running::close);
  }
}
