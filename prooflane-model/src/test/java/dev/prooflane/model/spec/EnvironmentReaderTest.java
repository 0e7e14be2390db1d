package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.Environment;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {
  private static final Path FILE = Path.of("/tmp/env/prooflane.yaml");

  @Test
  void readsServicesInDeclaredOrderWithDefaults() {
    Environment env =
        EnvironmentReader.parse(
            FILE,
            """
            name: shop
            services:
              pricing:
                artifact: target/shop.jar
                command: java -cp ${artifact} Pricing
                env: {PORT: "${port}"}
                health: {path: /ready, timeout: 10s}
              catalog:
                command: [java, -cp, x.jar, Catalog]
                workdir: sub
                port: 9001
                env:
                  PORT: "${port}"
                  PRICING_URL: "${services.pricing.url}"
            """);
    assertThat(env.name()).isEqualTo("shop");
    assertThat(env.services().keySet()).containsExactly("pricing", "catalog");
    assertThat(env.service("pricing").command())
        .containsExactly("java", "-cp", "${artifact}", "Pricing");
    assertThat(env.service("pricing").health().path()).isEqualTo("/ready");
    assertThat(env.service("pricing").health().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(env.service("catalog").workdir()).isEqualTo(Path.of("/tmp/env/sub"));
    assertThat(env.service("catalog").port()).isEqualTo(9001);
    assertThat(env.keyNames()).isEqualTo(KeyNames.DEFAULT);
  }

  @Test
  void compatSettingRoutesOnAnotherToolsNames() {
    Environment env =
        EnvironmentReader.parse(
            FILE,
            """
            routing: {compat: signadot, query: sdkey}
            services:
              a: {command: run}
            """);
    assertThat(env.keyNames().baggage()).isEqualTo("sd-routing-key");
    assertThat(env.keyNames().query()).isEqualTo(Optional.of("sdkey"));
  }

  /** An empty carrier name was a NullPointerException instead of a located error. */
  @Test
  void refusesAnEmptyOrInvalidCarrierNameAtItsField() {
    for (String value : List.of("\"\"", "\"a b\"")) {
      String text = "routing: {header: " + value + "}\nservices:\n  a: {command: run}\n";
      assertThatThrownBy(() -> EnvironmentReader.parse(FILE, text))
          .as(text)
          .isInstanceOfSatisfying(
              SpecException.class,
              e -> {
                assertThat(e.problems())
                    .extracting(SpecProblem::line, SpecProblem::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "routing.header"));
                assertThat(e.getMessage()).contains("or null to not use this carrier");
              });
    }
  }

  /** Found by SpecReaderPropertiesTest: {@code services:} with no value read as no services. */
  @Test
  void refusesAnEmptyServicesField() {
    for (String text : List.of("services:\n", "services: ~\n", "services: {}\n")) {
      assertThatThrownBy(() -> EnvironmentReader.parse(FILE, text))
          .as(text)
          .isInstanceOfSatisfying(
              SpecException.class,
              e -> {
                assertThat(e.problems())
                    .extracting(SpecProblem::line, SpecProblem::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "services"));
                assertThat(e.getMessage()).contains("no services (declare at least one)");
              });
    }
  }

  @Test
  void reportsEveryProblemWithLineAndField() {
    assertThatThrownBy(
            () ->
                EnvironmentReader.parse(
                    FILE,
                    """
                    services:
                      pricing:
                        comand: java Pricing
                        port: seventy
                      catalog:
                        command: java Catalog
                        env:
                          PRICING_URL: "${services.pricng.url}"
                        health: {path: health}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              List<SpecProblem> p = e.problems();
              assertThat(p)
                  .extracting(SpecProblem::line, SpecProblem::field)
                  .contains(
                      org.assertj.core.groups.Tuple.tuple(3, "services.pricing.comand"),
                      org.assertj.core.groups.Tuple.tuple(4, "services.pricing.port"),
                      org.assertj.core.groups.Tuple.tuple(8, "services.catalog.env.PRICING_URL"),
                      org.assertj.core.groups.Tuple.tuple(9, "services.catalog.health.path"));
              assertThat(e.getMessage())
                  .contains("prooflane.yaml:3:")
                  .contains("did you mean 'command'")
                  .contains("no service 'pricng'")
                  .contains("missing field 'command'");
            });
  }

  @Test
  void syntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> EnvironmentReader.parse(FILE, "services:\n  a: {command: x\n  b: 1\n"))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.problems().get(0).line()).isGreaterThan(1);
              assertThat(e.getMessage()).contains("YAML syntax");
            });
  }

  @Test
  void duplicatePortsAndDuplicateKeysAreRefused() {
    assertThatThrownBy(
            () ->
                EnvironmentReader.parse(
                    FILE,
                    """
                    services:
                      a: {command: x, port: 9000}
                      b: {command: y, port: 9000}
                      a: {command: z}
                    """))
        .hasMessageContaining("duplicate key")
        .hasMessageContaining("also used by service 'a'");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'z'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    assertThatThrownBy(() -> EnvironmentReader.parse(FILE, yaml.toString()))
        .isInstanceOf(SpecException.class);
  }
}
