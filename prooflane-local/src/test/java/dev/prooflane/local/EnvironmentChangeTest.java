package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.model.testing.TestCertificate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentChangeTest {
  private static final Path FILE = Path.of("/srv/app/prooflane.yaml");
  private static final Map<String, Integer> BOUND = Map.of("a", 41001, "b", 41002, "c", 41003);

  private static Environment env(Path file, String yaml) {
    return EnvironmentReader.parse(file, yaml);
  }

  /**
   * The change from {@link #RUNNING}, bound to {@link #BOUND}, to {@code next} in the same file.
   */
  private static EnvironmentChange to(String next) {
    return EnvironmentChange.between(env(FILE, RUNNING), BOUND, env(FILE, next));
  }

  private static final String RUNNING =
      """
      name: shop
      services:
        a: {command: run a}
        b: {command: run b, env: {LEVEL: "1"}}
        c: {command: run c, port: 41003}
      """;

  @Test
  void sortsServicesIntoChangedAddedRemovedAndUnchanged() {
    EnvironmentChange change =
        to(
            """
            name: shop
            services:
              d: {command: run d}
              b: {command: run b, env: {LEVEL: "2"}}
              a: {command: run a}
            """);

    assertThat(change.changed()).containsExactly("b");
    assertThat(change.added()).containsExactly("d");
    assertThat(change.removed()).containsExactly("c");
    assertThat(change.unchanged()).containsExactly("a");
    assertThat(change.settings()).isEmpty();
    assertThat(change.keepsEveryService()).isFalse();
    assertThat(change.summary()).isEqualTo("restart b; start d; stop c; keep a");
    assertThat(change.file()).isEqualTo(FILE.toString());
  }

  @Test
  void aPortTheRunningRouterAlreadyHasIsNoChange() {
    EnvironmentChange change =
        to(
            """
            name: shop
            services:
              a: {command: run a, port: 41001}
              b: {command: run b, env: {LEVEL: "1"}}
              c: {command: run c}
            """);

    assertThat(change.unchanged()).containsExactly("a", "b", "c");
    assertThat(change.keepsEveryService()).isTrue();
  }

  @Test
  void aChangedPropagationRestartsTheServicesItReaches() {
    EnvironmentChange change =
        to(
            """
            name: shop
            propagation: opentelemetry-agent
            services:
              a: {command: run a, propagation: none}
              b: {command: run b, env: {LEVEL: "1"}}
              c: {command: run c, port: 41003}
            """);

    assertThat(change.changed()).containsExactly("b", "c");
    assertThat(change.unchanged()).containsExactly("a");
    assertThat(change.summary()).isEqualTo("restart b, c; keep a");
  }

  @Test
  void anotherRouterPortForAKeptServiceIsRefused() {
    assertThatThrownBy(() -> to(RUNNING.replace("run c, port: 41003", "run c, port: 8080")))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "services.c.port: 8080 (expected: 41003, where the running router listens for it, or"
                + " 0)");
  }

  @Test
  void anAddedOrChangedKafkaSectionIsRefusedAndTheSameOneIsNoChange() {
    assertThatThrownBy(() -> to("kafka: {topics: [orders]}\n" + RUNNING))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith("kafka: the section differs from the running environment's")
        .hasMessageContaining("restart the daemon");
    String withKafka = "kafka: {topics: [orders]}\n" + RUNNING;
    assertThat(
            EnvironmentChange.between(env(FILE, withKafka), BOUND, env(FILE, withKafka))
                .keepsEveryService())
        .isTrue();
  }

  @Test
  void otherKeyNamesAreRefused() {
    assertThatThrownBy(() -> to("routing: {compat: signadot}\n" + RUNNING))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("routing: the key names (baggage sd-routing-key")
        .hasMessageContaining("restart the daemon");
  }

  @Test
  void addingTheRouterTlsIsRefusedAndKeepingItIsNoChange(@TempDir Path dir) {
    TestCertificate.valid(dir, "router");
    Path file = dir.resolve("prooflane.yaml");
    Environment plain = env(file, RUNNING);
    Environment tls =
        env(file, "router: {tls: {certificate: router.crt, key: router.key}}\n" + RUNNING);

    assertThatThrownBy(() -> EnvironmentChange.between(plain, BOUND, tls))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("router.tls: (certificate " + dir.resolve("router.crt"))
        .hasMessageContaining("differs from the running environment's (none)")
        .hasMessageContaining("restart the daemon");
    assertThat(EnvironmentChange.between(tls, BOUND, tls).keepsEveryService()).isTrue();
  }

  @Test
  void aFileInAnotherFolderChangesEveryServiceAndSettingsAreNamed() {
    EnvironmentChange change =
        EnvironmentChange.between(
            env(FILE, RUNNING),
            BOUND,
            env(
                Path.of("/srv/other/prooflane.yaml"),
                RUNNING.replace("name: shop", "name: shop-2\nsandboxes: {maxTtl: 2h}")));

    assertThat(change.changed()).containsExactly("a", "b", "c");
    assertThat(change.settings()).containsExactly("name", "sandboxes.maxTtl");
    assertThat(change.summary())
        .isEqualTo("restart a, b, c; settings changed: name, sandboxes.maxTtl");
  }
}
