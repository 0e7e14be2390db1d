package dev.prooflane.local.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaJarsTest {
  @Test
  void theBuildPutsTheBrokersClassPathWhereThisModulesClassesFindIt() {
    KafkaJars jars = KafkaJars.located();

    assertThat(jars.folder()).endsWith(Path.of("target", "kafka"));
    assertThat(jars.brokerJar()).isRegularFile().hasFileName("kafka_2.13-4.4.0.jar");
    assertThat(jars.broker().resolve("kafka-clients-4.4.0.jar")).isRegularFile();
    assertThat(jars.classPath()).isEqualTo(jars.broker() + "/*");
    assertThat(jars.interceptor()).hasFileName("prooflane-kafka.jar");
  }

  @Test
  void aMissingBrokerJarNamesTheArtifactWhereItWasLookedForAndTheFix(@TempDir Path dir) {
    KafkaJars jars = KafkaJars.in(dir);

    KafkaJarMissingException e =
        catchThrowableOfType(KafkaJarMissingException.class, jars::requireBroker);

    assertThat(e.artifact()).isEqualTo("org.apache.kafka:kafka_2.13:4.4.0");
    assertThat(e.file()).isEqualTo(dir.resolve("broker/kafka_2.13-4.4.0.jar"));
    assertThat(e.getMessage())
        .startsWith("kafka: the broker the daemon starts needs org.apache.kafka:kafka_2.13:4.4.0")
        .contains("not at " + dir.resolve("broker/kafka_2.13-4.4.0.jar"))
        .contains("mvn -DskipTests package")
        .contains("-Dprooflane.kafka=FOLDER");
  }

  @Test
  void theInterceptorIsRequiredOnlyWhereAServiceNamesIt(@TempDir Path dir) {
    Environment env =
        EnvironmentReader.parse(
            dir.resolve("prooflane.yaml"),
            """
            kafka: {}
            services:
              plain: {command: run}
              notifier:
                command: run
                env: {CLASSPATH: "app.jar:${kafka.interceptor}"}
            """);
    KafkaJars jars = KafkaJars.in(dir);

    KafkaJarMissingException e =
        catchThrowableOfType(
            KafkaJarMissingException.class, () -> jars.requireInterceptorWhereUsed(env));

    assertThat(e.artifact()).isEqualTo("dev.prooflane:prooflane-kafka");
    assertThat(e.getMessage()).startsWith("services.notifier.env.CLASSPATH: ${kafka.interceptor}");
  }
}
