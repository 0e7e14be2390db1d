package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.KeyNames;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutesJsonTest {
  /** The example of the contract (issue 14), verbatim. */
  private static final String CONTRACT_EXAMPLE =
      """
      {"version": 7,
       "keyNames": {"baggage": "prooflane-key", "tracestate": "prooflane-key", "header": "x-prooflane-key"},
       "sandboxes": [{"name": "fix-1", "key": "k-abc", "created": "2026-12-07T10:00:00Z",
                      "forks": {"notifier": "up", "orders": "down"}}]}
      """;

  @Test
  void readsTheDaemonsRoutes() {
    Routes routes = RoutesJson.parse(CONTRACT_EXAMPLE);

    assertThat(routes.version()).isEqualTo(7);
    assertThat(routes.keyNames())
        .isEqualTo(
            new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.empty()));
    assertThat(routes.sandboxes())
        .containsExactly(
            new RoutedSandbox("fix-1", "k-abc", Map.of("notifier", "up", "orders", "down")));
  }

  @Test
  void ignoresFieldsItDoesNotKnow() {
    Routes routes =
        RoutesJson.parse(
            "{\"version\": 1, \"next\": true, \"keyNames\": {\"baggage\": \"b\", \"grpc\": \"g\"},"
                + " \"sandboxes\": []}");

    assertThat(routes.keyNames()).isEqualTo(new KeyNames("b", "", "", Optional.empty()));
  }

  @Test
  void namesTheFieldAtFault() {
    assertThatThrownBy(() -> RoutesJson.parse("{\"keyNames\": {}, \"sandboxes\": []}"))
        .hasMessageStartingWith("version: ");
    assertThatThrownBy(
            () ->
                RoutesJson.parse(
                    "{\"version\": 2, \"keyNames\": {}, \"sandboxes\": [{\"name\": \"a\"}]}"))
        .hasMessageStartingWith("sandboxes[0].key: ");
    assertThatThrownBy(
            () ->
                RoutesJson.parse(
                    "{\"version\": 2, \"keyNames\": {}, \"sandboxes\": [{\"name\": \"a\", \"key\":"
                        + " \"k\", \"forks\": [\"x\"]}]}"))
        .hasMessageStartingWith("sandboxes[0].forks: ");
    assertThatThrownBy(() -> RoutesJson.parse("<html>")).hasMessageStartingWith("body: not JSON");
  }
}
