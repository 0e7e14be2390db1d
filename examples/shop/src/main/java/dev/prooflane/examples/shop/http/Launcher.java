package dev.prooflane.examples.shop.http;

import java.io.IOException;

/**
 * Starts a shop service as a process: reads its settings from the environment, listens on
 * 127.0.0.1:{@code PORT}, and exits with 2 when a setting is missing or wrong, or with 1 when the
 * port cannot be bound.
 */
public final class Launcher {
  /** Builds a service from its settings; throws {@link SettingException} for a bad one. */
  @FunctionalInterface
  public interface Factory {
    ShopService create(ServiceEnv env, Console console);
  }

  private Launcher() {}

  /** Runs {@code service} until the process is stopped. */
  public static void launch(String service, Factory factory) {
    Console console = Console.system();
    ServiceEnv env = ServiceEnv.of(service, System.getenv());
    int port;
    ShopService shop;
    try {
      port = env.port();
      shop = factory.create(env, console);
    } catch (SettingException e) {
      console.err().println(e.getMessage());
      System.exit(2);
      return;
    }
    ShopServer server;
    try {
      server = ShopServer.start(shop, env.servedBy(), port, console);
    } catch (IOException e) {
      console
          .err()
          .println(
              service
                  + ": cannot listen on 127.0.0.1:"
                  + port
                  + " ("
                  + e.getMessage()
                  + "; is another process using the port?)");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, service + "-shutdown"));
    WarmUp.start();
    console.out().println(service + " " + env.servedBy() + " listening on " + server.url());
  }
}
