package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The shaded jar of the build, as a service uses it: beside kafka-clients, nothing else. */
class ShadedJarIT {
  private final TestDaemon daemon = TestDaemon.start();

  @AfterEach
  void stop() {
    daemon.close();
  }

  static Path shadedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("prooflane-kafka-.*-shaded\\.jar"))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no target/prooflane-kafka-*-shaded.jar: run mvn verify"));
    }
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void holdsOnlyClassesUnderItsOwnPackage() throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(shadedJar().toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && !name.startsWith("dev/prooflane/kafka/")) {
          outside.add(name);
        }
      }
      assertThat(jar.getEntry("dev/prooflane/kafka/RoutingConsumerInterceptor.class")).isNotNull();
      assertThat(
              jar.getEntry(
                  "dev/prooflane/kafka/shaded/com/fasterxml/jackson/databind/ObjectMapper.class"))
          .isNotNull();
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void runsInAJvmWithOnlyKafkaClientsBesideIt() throws Exception {
    daemon.routes("fix-1,k-abc,notifier=up");
    Path probe = Path.of("src/test/resources/shaded-probe/ShadedProbe.java");
    String classPath =
        String.join(
            java.io.File.pathSeparator,
            shadedJar().toString(),
            jarOf(KafkaConsumer.class).toString(),
            jarOf(Logger.class).toString());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                classPath,
                probe.toString(),
                daemon.api().toString(),
                TestDaemon.TOKEN)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("jackson: absent")
        .contains("consumer: constructed")
        .contains(
            "consumer without token: org.apache.kafka.common.config.ConfigException:"
                + " prooflane.token: missing")
        .contains("environment variable PROOFLANE_SERVICE_TOKEN")
        .contains("delivered: [unkeyed]");
  }
}
