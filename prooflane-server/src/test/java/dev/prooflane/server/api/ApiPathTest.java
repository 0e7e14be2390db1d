package dev.prooflane.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiPathTest {
  @Test
  void fillsParametersInOrderUrlEncoded() {
    assertThat(ApiPath.RUN_REPORT.with("r 1", "report.json"))
        .isEqualTo("/runs/r+1/reports/report.json");
    assertThat(ApiPath.SANDBOX.with("a/b")).isEqualTo("/sandboxes/a%2Fb");
    assertThat(ApiPath.SANDBOXES.with()).isEqualTo("/sandboxes");
    assertThat(ApiPath.RUN_REPORT.parameters()).containsExactly("id", "file");
  }

  @Test
  void refusesAsManyValuesAsParametersOnly() {
    assertThatThrownBy(() -> ApiPath.SANDBOX.with())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values: 0 for /sandboxes/:name (expected: 1, one per parameter [name])");
    assertThatThrownBy(() -> ApiPath.STATUS.with("x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOpenApiDocumentDescribesEveryPath() throws IOException {
    String document;
    try (InputStream in = ApiPathTest.class.getResourceAsStream("/openapi.yaml")) {
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (ApiPath path : ApiPath.values()) {
      String documented = path.template().replaceAll(":([a-z]+)", "{$1}");
      assertThat(document).as(path.name()).contains("\n  " + documented + ":\n");
    }
  }
}
