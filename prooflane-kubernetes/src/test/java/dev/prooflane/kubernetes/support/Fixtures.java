package dev.prooflane.kubernetes.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.render.KubeRender;
import dev.prooflane.kubernetes.render.ManifestFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The demo shop's baseline manifests and sandboxes under {@code src/test/resources/fixtures}. */
public final class Fixtures {
  private Fixtures() {}

  public static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/shop/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path baselineDir() {
    return path("baseline");
  }

  public static List<ObjectNode> baseline() {
    return ManifestFiles.readDirectory(baselineDir());
  }

  /** A gRPC service's manifests ({@code stock}: a gRPC port and an HTTP admin port). */
  public static Path grpcDir() {
    return path("grpc");
  }

  public static List<ObjectNode> grpcBaseline() {
    return ManifestFiles.readDirectory(grpcDir());
  }

  public static Sandbox sandbox(String file) {
    return KubeRender.readSandbox(path(file));
  }
}
