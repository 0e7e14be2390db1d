package dev.prooflane.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.support.CrdSchemas;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kube render} of the fixture sandboxes. The rendered files next to the fixtures are the
 * examples docs/kubernetes.md quotes; regenerate them with {@code -Dprooflane.golden.write=true}.
 */
class KubeRenderTest {
  private static final KubeRender RENDER = KubeRender.of(KeyNames.DEFAULT);

  @ParameterizedTest
  @CsvSource({"istio, baseline", "gateway, baseline", "grpc, grpc"})
  void rendersTheFixtureSandboxAsTheCommittedExample(String provider, String baseline)
      throws Exception {
    String yaml =
        RENDER
            .render(Fixtures.path("sandbox-" + provider + ".yaml"), Fixtures.path(baseline))
            .yaml();
    Path golden = Path.of("src/test/resources/fixtures/shop/rendered-" + provider + ".yaml");
    if (Boolean.getBoolean("prooflane.golden.write")) {
      Files.writeString(golden, yaml);
    }

    assertThat(yaml).isEqualTo(Files.readString(golden));
  }

  @ParameterizedTest
  @CsvSource({"istio, baseline", "gateway, baseline", "grpc, grpc"})
  void everyRenderedRouteValidatesAgainstTheUpstreamSchemaOfItsVersion(
      String provider, String baseline) {
    Rendered rendered =
        RENDER.render(Fixtures.path("sandbox-" + provider + ".yaml"), Fixtures.path(baseline));
    int routes = 0;
    for (ObjectNode o : rendered.plan().writes()) {
      String kind = Manifests.kind(o);
      if (kind.equals("VirtualService") || kind.equals("HTTPRoute") || kind.equals("GRPCRoute")) {
        assertThat(CrdSchemas.problems(o)).as(Manifests.describe(o)).isEmpty();
        routes++;
      }
    }
    assertThat(routes).isPositive();
  }

  @Test
  void theRenderedYamlReadsBackAsTheSameObjects(@TempDir Path dir) throws Exception {
    Rendered rendered = RENDER.render(Fixtures.path("sandbox-istio.yaml"), Fixtures.baselineDir());
    Path file = Files.writeString(dir.resolve("out.yaml"), rendered.yaml());

    assertThat(ManifestFiles.read(file)).isEqualTo(rendered.plan().writes());
  }

  @Test
  void aFileThatIsNotASandboxIsRejectedWithItsName(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.yaml"), "apiVersion: v1\nkind: ConfigMap\n");

    assertThatThrownBy(() -> KubeRender.readSandbox(file))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(file + ": expected: one object of apiVersion prooflane.dev/v1alpha1");
  }

  @Test
  void theDocsQuoteTheRenderedExamplesVerbatim() throws Exception {
    Path docs = Path.of(System.getProperty("prooflane.docs.file", "../docs/kubernetes.md"));
    String text = Files.readString(docs);
    Matcher m =
        Pattern.compile("<!-- from: (\\S+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
            .matcher(text);
    List<String> quoted = new ArrayList<>();
    while (m.find()) {
      String source = Files.readString(Path.of("src/test/resources").resolve(m.group(1)));
      assertThat(source).as("docs/kubernetes.md quoting %s", m.group(1)).contains(m.group(2));
      quoted.add(m.group(1));
    }
    assertThat(quoted)
        .contains(
            "fixtures/shop/rendered-istio.yaml",
            "fixtures/shop/rendered-gateway.yaml",
            "fixtures/shop/rendered-grpc.yaml");
  }
}
