package dev.prooflane.examples.shop.warehouse;

import dev.prooflane.examples.shop.grpc.GrpcServer;
import dev.prooflane.examples.shop.http.Launcher;

/** The baseline warehouse: a gRPC server on {@code PORT}. */
public final class WarehouseMain {
  private WarehouseMain() {}

  public static void main(String[] args) {
    launch(WarehouseVariant.BASELINE);
  }

  static void launch(WarehouseVariant variant) {
    Launcher.launch(
        "warehouse",
        (env, port, console) ->
            GrpcServer.start(
                "warehouse",
                env.servedBy(),
                port,
                console,
                new WarehouseService(variant, console).bindService()));
  }
}
