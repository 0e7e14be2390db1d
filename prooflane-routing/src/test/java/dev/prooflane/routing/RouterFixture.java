package dev.prooflane.routing;

import dev.prooflane.model.RoutingKey;
import java.util.Map;

/** Small builders shared by the router tests. */
final class RouterFixture {
  private RouterFixture() {}

  static SandboxRoute sandbox(String name, String key, String service, Upstream fork) {
    return new SandboxRoute(
        name, new RoutingKey(key), Map.of(service, new ForkTarget.Running(fork)));
  }

  static SandboxRoute downSandbox(String name, String key, String service, String reason) {
    return new SandboxRoute(
        name, new RoutingKey(key), Map.of(service, new ForkTarget.Down(reason)));
  }
}
