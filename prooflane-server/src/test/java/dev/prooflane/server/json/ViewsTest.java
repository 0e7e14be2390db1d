package dev.prooflane.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
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
}
