package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {
  @TempDir Path dir;

  @Test
  void demoJsonShowsKeyedAndUnkeyedHopsAndIsolation() throws Exception {
    CliProcess.Result result =
        CliProcess.run(
            dir, "demo", "--json", "--requests", "300", "-f", CliProcess.SHOP.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode demo = result.json();
    assertThat(demo.path("sandbox").asText()).isEqualTo("demo-discount");
    assertThat(demo.path("routingKey").asText()).matches("[a-z0-9]{12}");
    assertThat(demo.path("readyMillis").asLong()).isPositive();
    assertThat(demo.path("keyed").path("hops").toString())
        .isEqualTo(
            "[{\"service\":\"frontend\",\"servedBy\":\"baseline\"},{\"service\":\"catalog\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"pricing\",\"servedBy\":\"demo-discount\"},{\"service\":\"inventory\",\"servedBy\":\"baseline\"}]");
    assertThat(demo.path("unkeyed").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
    assertThat(demo.path("isolation").path("misroutes").asInt()).isZero();
    assertThat(demo.path("isolation").path("requests").asInt()).isEqualTo(300);
    assertThat(demo.path("afterDelete").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
  }
}
