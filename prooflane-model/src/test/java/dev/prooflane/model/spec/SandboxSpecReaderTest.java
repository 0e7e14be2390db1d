package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.SandboxSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxSpecReaderTest {
  @Test
  void readsForksWithChanges() {
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "sbx.yaml",
            """
            name: pr-42
            routingKey: k7q2m9x4z1ab
            ttl: 1h30m
            labels: {team: pricing}
            forks:
              - service: pricing
                command: java -cp shop.jar PricingDiscountMain
                env: {DISCOUNT: "10"}
                envRemove: [DEBUG]
            """);
    assertThat(spec.name()).isEqualTo("pr-42");
    assertThat(spec.routingKey())
        .hasValueSatisfying(k -> assertThat(k.value()).isEqualTo("k7q2m9x4z1ab"));
    assertThat(spec.ttl()).contains(Duration.ofMinutes(90));
    assertThat(spec.forks().get(0).command().orElseThrow()).endsWith("PricingDiscountMain");
    assertThat(spec.forks().get(0).env()).containsEntry("DISCOUNT", "10");
    assertThat(spec.forks().get(0).envRemove()).containsExactly("DEBUG");
  }

  @Test
  void badKeyAndNameAreLocated() {
    assertThatThrownBy(
            () ->
                SandboxSpecReader.parse(
                    "sbx.yaml",
                    """
                    name: PR_42
                    routingKey: "bad key\\r\\nx: y"
                    forks:
                      - {service: pricing, ttl: 2h}
                    """))
        .hasMessageContaining("sbx.yaml:1:")
        .hasMessageContaining("sbx.yaml:2:")
        .hasMessageContaining("routingKey")
        .hasMessageContaining("forks[0].ttl");
  }

  @Test
  void recordLevelProblemsAreLocatedToo() {
    assertProblem("name: pr-42\nforks: []\n", 2, "forks", "no forks");
    assertProblem("name: pr-42\nforks: ~\n", 2, "forks", "no forks");
    assertProblem("name: pr-42\nttl: 0s\nforks: [{service: pricing}]\n", 2, "ttl", "more than 0");
    assertProblem(
        "name: pr-42\nforks:\n  - {service: pricing}\n  - {service: pricing}\n",
        4,
        "forks[1]",
        "forked twice");
    assertProblem("name: pr-42\nforks: [{service: ''}]\n", 2, "forks[0].service", "empty");
  }

  private static void assertProblem(String text, int line, String field, String message) {
    assertThatThrownBy(() -> SandboxSpecReader.parse("sbx.yaml", text))
        .isInstanceOfSatisfying(
            dev.prooflane.model.SpecException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.line()).isEqualTo(line);
                          assertThat(p.field()).isEqualTo(field);
                          assertThat(p.message()).contains(message);
                        }));
  }
}
