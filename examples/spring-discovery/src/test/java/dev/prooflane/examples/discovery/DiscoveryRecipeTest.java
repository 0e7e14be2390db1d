package dev.prooflane.examples.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.spec.EnvironmentReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Spring Cloud recipe of docs/propagation.md, run: a Spring Cloud application started with the
 * environment Prooflane gives the gateway resolves the logical name to the router's address.
 */
class DiscoveryRecipeTest {
  private static final String ROUTER = "http://127.0.0.1:41234";

  @Test
  void theSimpleDiscoveryClientSendsTheLogicalNameToTheRouter() throws Exception {
    Environment env = EnvironmentReader.read(resource("prooflane.yaml"));
    String json =
        Placeholders.resolve(
            env.service("api-gateway").env().get("SPRING_APPLICATION_JSON"),
            Map.of("services.customers-service.url", ROUTER));

    Path out = Files.createTempFile("resolve-names", ".txt");
    ProcessBuilder gateway =
        new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ResolveNamesMain.class.getName(),
            "customers-service",
            "vets-service");
    gateway.environment().put("SPRING_APPLICATION_JSON", json);
    Process process = gateway.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed)
        .contains("customers-service -> " + ROUTER)
        .as("a name the recipe does not list stays unknown, never the router's")
        .contains("vets-service -> none");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(DiscoveryRecipeTest.class.getResource("/" + name).toURI());
  }
}
