package dev.prooflane.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOptionsTest {
  /** The system properties a real JVM reports when started with {@code toolOptions}. */
  private static String propertiesOfAJvmWith(String toolOptions)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-XshowSettings:properties",
                "-version")
            .redirectErrorStream(true);
    builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theServicesOwnOptionsComeFirstAndPlainOptionsStayAsTheyAre() {
    assertThat(ToolOptions.append(" -Xss1m -Da=b ", List.of("-Dc=d", "-De=")))
        .isEqualTo("-Xss1m -Da=b -Dc=d -De=");
    assertThat(ToolOptions.append(null, List.of("-Dc=d"))).isEqualTo("-Dc=d");
  }

  @Test
  void aJvmReadsBackOptionsWithSpacesAndQuotesAsOneWordEach() throws Exception {
    String value =
        ToolOptions.append(
            "-Decho.own=kept",
            List.of(
                "-Decho.spaced=/tmp/my shop/x.jar", "-Decho.quoted=it's", "-Decho.double=a\"b"));

    assertThat(propertiesOfAJvmWith(value))
        .contains("echo.own = kept")
        .contains("echo.spaced = /tmp/my shop/x.jar")
        .contains("echo.quoted = it's")
        .contains("echo.double = a\"b");
  }

  @Test
  void anOptionWithBothKindsOfQuotesIsRefused() {
    assertThatThrownBy(() -> ToolOptions.quoted("-Dp=/tmp/it's \"here\""))
        .isInstanceOf(ProoflaneException.class)
        .hasMessageContaining("holds both ' and \"");
  }
}
