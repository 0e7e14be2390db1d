package dev.prooflane.bench.router;

import dev.prooflane.model.Protocol;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.RouteTable;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.SandboxRoute;
import dev.prooflane.routing.Upstream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the Prooflane router for bench/router.sh: one listener for service "bench", the baseline
 * upstream, and N sandboxes that each fork "bench" to the fork upstream (each with its own instance
 * id, so each has its own pool). Prints "READY <port>" and runs until killed.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.router.RouterBenchMain PORT BASELINE_PORT
 * FORK_PORT SANDBOXES [PROTOCOL], where PROTOCOL is what both upstreams speak: {@code http1} (the
 * default), {@code h2c} or {@code grpc}.
 */
public final class RouterBenchMain {
  private RouterBenchMain() {}

  /** Starts the router; see the class comment for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    int baselinePort = Integer.parseInt(args[1]);
    int forkPort = Integer.parseInt(args[2]);
    int sandboxes = Integer.parseInt(args[3]);
    String protocolName = args.length > 4 ? args[4] : "http1";
    Protocol protocol = Protocol.fromYaml(protocolName);
    if (protocol == null) {
      throw new IllegalArgumentException(
          "protocol: " + protocolName + " (expected: http1, h2c or grpc)");
    }
    Router router = Router.start(RouterOptions.defaults());
    Runtime.getRuntime().addShutdownHook(new Thread(router::close));
    router.update(
        table -> {
          RouteTable t =
              table.withBaseline(
                  "bench", new Upstream("127.0.0.1", baselinePort, "baseline#1", protocol));
          for (int i = 0; i < sandboxes; i++) {
            Upstream fork = new Upstream("127.0.0.1", forkPort, "sbx-" + i + "/bench#1", protocol);
            t =
                t.withSandbox(
                    new SandboxRoute(
                        "sbx-" + i,
                        new RoutingKey("key-" + i),
                        Map.of("bench", new ForkTarget.Running(fork))));
          }
          return t;
        });
    int bound = router.listen("bench", port);
    System.out.println("READY " + bound + " sandboxes=" + router.routes().sandboxes().size());
    new CountDownLatch(1).await();
  }
}
