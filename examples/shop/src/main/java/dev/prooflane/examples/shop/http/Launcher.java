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

  /**
   * Builds a server from its settings and starts it on {@code port}; throws {@link
   * SettingException} for a bad setting, {@link IOException} when the port cannot be bound.
   */
  @FunctionalInterface
  public interface Starter {
    Running start(ServiceEnv env, int port, Console console) throws IOException;
  }

  /** A server that {@link #launch(String, Starter)} started. */
  public interface Running extends AutoCloseable {
    /** Where it listens, as its startup line says it: {@code http://127.0.0.1:8080}. */
    String address();

    @Override
    void close();
  }

  private Launcher() {}

  /** Runs the HTTP service {@code service} until the process is stopped. */
  public static void launch(String service, Factory factory) {
    launch(
        service,
        (env, port, console) ->
            ShopServer.start(factory.create(env, console), env.servedBy(), port, console));
  }

  /** Runs the server that {@code starter} starts until the process is stopped. */
  public static void launch(String service, Starter starter) {
    Console console = Console.system();
    ServiceEnv env = ServiceEnv.of(service, System.getenv());
    Running server;
    try {
      server = starter.start(env, env.port(), console);
    } catch (SettingException e) {
      console.err().println(e.getMessage());
      System.exit(2);
      return;
    } catch (IOException e) {
      console
          .err()
          .println(
              service
                  + ": cannot listen on 127.0.0.1:"
                  + env.port()
                  + " ("
                  + e.getMessage()
                  + "; is another process using the port?)");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, service + "-shutdown"));
    WarmUp.start();
    console.out().println(service + " " + env.servedBy() + " listening on " + server.address());
  }
}
