package dev.prooflane.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.server.json.Json;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal of a creation that a fresh daemon runs: its sample passes the request's checks and
 * encodes as the API answers a starting sandbox (were it refused, the rehearsal would make nothing
 * in advance, and nothing else would say so).
 */
class FirstCreationTest {
  @Test
  void rehearsesOnAValidSampleAndEncodesItAsTheApiAnswers() throws Exception {
    JsonNode view = Json.mapper().readTree(FirstCreation.rehearse());

    assertThat(view.path("name").asText()).isEqualTo("rehearsal");
    assertThat(view.path("phase").asText()).isEqualTo("STARTING");
    assertThat(view.path("ttl").asText()).isEqualTo("30m");
    assertThat(view.path("forks").path(0).path("service").asText()).isEqualTo("sample");
    assertThat(RoutingKey.isValid(view.path("routingKey").asText())).isTrue();
  }
}
