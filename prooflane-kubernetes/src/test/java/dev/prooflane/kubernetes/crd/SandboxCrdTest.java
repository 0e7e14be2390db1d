package dev.prooflane.kubernetes.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.support.CrdSchemas;
import dev.prooflane.kubernetes.support.Fixtures;
import io.fabric8.crdv2.generator.CRDGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD in {@code deploy/kubernetes/} is generated from the Java types: this test fails when it
 * is stale. Regenerate it with {@code mvn -pl prooflane-kubernetes test -Dtest=SandboxCrdTest
 * -Dprooflane.crd.write=true}.
 */
class SandboxCrdTest {
  static final String FILE = "sandboxes.prooflane.dev-v1.yml";

  static Path committed() {
    return Path.of(System.getProperty("prooflane.deploy.dir", "../deploy/kubernetes"), FILE);
  }

  @Test
  void theCommittedCrdIsWhatTheGeneratorMakesFromTheJavaTypes(@TempDir Path out) throws Exception {
    new CRDGenerator()
        .inOutputDir(out.toFile())
        .forCRDVersions("v1")
        .customResourceClasses(Sandbox.class)
        .generate();
    Path generated = out.resolve(FILE);
    if (Boolean.getBoolean("prooflane.crd.write")) {
      Files.copy(generated, committed(), StandardCopyOption.REPLACE_EXISTING);
    }

    assertThat(Files.readString(committed())).isEqualTo(Files.readString(generated));
  }

  @Test
  void theCrdAcceptsTheFixtureSandboxesAndRejectsAnUnknownProvider() throws Exception {
    JsonNode crd = Manifests.yaml().readTree(committed().toFile());
    for (String file :
        new String[] {"sandbox-istio.yaml", "sandbox-gateway.yaml", "sandbox-grpc.yaml"}) {
      ObjectNode sandbox = (ObjectNode) Manifests.yaml().readTree(Fixtures.path(file).toFile());
      assertThat(CrdSchemas.problems(crd, sandbox)).as(file).isEmpty();
    }
    ObjectNode linkerd =
        (ObjectNode) Manifests.yaml().readTree(Fixtures.path("sandbox-istio.yaml").toFile());
    ((ObjectNode) linkerd.path("spec").path("routing")).put("provider", "linkerd");
    assertThat(CrdSchemas.problems(crd, linkerd)).isNotEmpty();
  }
}
