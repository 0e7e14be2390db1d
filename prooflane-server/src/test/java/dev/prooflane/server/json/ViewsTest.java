package dev.prooflane.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.EnvironmentChange;
import dev.prooflane.local.ServiceRestart;
import dev.prooflane.model.KeyNames;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The answers the daemon writes, as docs/api.md and openapi.yaml describe them. */
class ViewsTest {
  @Test
  void keyNamesAreWrittenAsTheirFourNamesAndReadBack() throws Exception {
    KeyNames names = new KeyNames("b", "t", "x-h", Optional.of("q"));

    assertThat(Json.write(KeyNames.DEFAULT))
        .isEqualTo(
            "{\"baggage\":\"prooflane-key\",\"tracestate\":\"prooflane-key\","
                + "\"header\":\"x-prooflane-key\",\"query\":null}");
    assertThat(Json.mapper().readValue(Json.write(names), KeyNames.class)).isEqualTo(names);
    assertThat(Json.mapper().readValue(Json.write(KeyNames.DEFAULT), KeyNames.class))
        .isEqualTo(KeyNames.DEFAULT);
  }

  @Test
  void aRestartAndAnEnvironmentChangeAreWrittenByFieldAndReadBack() throws Exception {
    ServiceRestart restart = new ServiceRestart("pricing", 41, 42, 1300);
    EnvironmentChange change =
        new EnvironmentChange(
            "/srv/prooflane.yaml",
            List.of("pricing"),
            List.of("search"),
            List.of("legacy"),
            List.of("frontend"),
            List.of("sandboxes.maxTtl"));

    assertThat(Json.write(restart))
        .isEqualTo("{\"service\":\"pricing\",\"oldPid\":41,\"newPid\":42,\"millis\":1300}");
    assertThat(Json.write(change))
        .isEqualTo(
            "{\"file\":\"/srv/prooflane.yaml\",\"changed\":[\"pricing\"],\"added\":[\"search\"],"
                + "\"removed\":[\"legacy\"],\"unchanged\":[\"frontend\"],"
                + "\"settings\":[\"sandboxes.maxTtl\"]}");
    assertThat(Json.mapper().readValue(Json.write(restart), ServiceRestart.class))
        .isEqualTo(restart);
    assertThat(Json.mapper().readValue(Json.write(change), EnvironmentChange.class))
        .isEqualTo(change);
  }
}
