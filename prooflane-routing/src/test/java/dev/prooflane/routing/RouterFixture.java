package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.RoutingKey;
import io.vertx.core.json.JsonObject;
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

  /**
   * Checks that an answer is the 503 {@code fork_unavailable} for the fork of {@code service} in
   * sandbox {@code sandbox} (whose key is {@code key-X} for sandbox {@code sbx-X}); returns its
   * message.
   */
  static String forkUnavailable(int status, String text, String sandbox, String service) {
    assertThat(status).as(text).isEqualTo(503);
    JsonObject body = new JsonObject(text);
    assertThat(body.getString("error")).isEqualTo("fork_unavailable");
    assertThat(body.getString("sandbox")).isEqualTo(sandbox);
    assertThat(body.getString("service")).isEqualTo(service);
    assertThat(body.getString("routingKey")).isEqualTo(sandbox.replace("sbx-", "key-"));
    return body.getString("message");
  }
}
