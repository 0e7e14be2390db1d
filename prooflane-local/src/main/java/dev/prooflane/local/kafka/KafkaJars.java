package dev.prooflane.local.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.agent.BesideCode;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The folder the build copies the Kafka jars into ({@code target/kafka/} beside the CLI's {@code
 * lib/}): {@code broker/}, the broker's class path ({@value #BROKER_ARTIFACT} and its runtime
 * dependencies), and {@code prooflane-kafka.jar}, the consumer interceptor services put on theirs.
 * Nothing is downloaded at run time; a missing jar is a {@link KafkaJarMissingException} naming the
 * artifact and the fix.
 *
 * @param folder the folder that holds {@code broker/} and the interceptor's jar
 */
public record KafkaJars(Path folder) {
  /** The broker's Maven coordinates; the build resolves this version with its dependencies. */
  public static final String BROKER_ARTIFACT = "org.apache.kafka:kafka_2.13:4.4.0";

  /** The interceptor's Maven coordinates: a module of this project (its shaded jar). */
  public static final String INTERCEPTOR_ARTIFACT = "dev.prooflane:prooflane-kafka";

  /** The system property that names the folder instead of the one beside Prooflane's jars. */
  public static final String FOLDER_PROPERTY = "prooflane.kafka";

  private static final String BROKER_JAR = "kafka_2.13-4.4.0.jar";
  private static final String INTERCEPTOR_FILE = "prooflane-kafka.jar";

  public KafkaJars {
    requireNonNull(folder, "folder");
    folder = folder.toAbsolutePath().normalize();
  }

  /** The jars in {@code folder}. */
  public static KafkaJars in(Path folder) {
    return new KafkaJars(folder);
  }

  /**
   * Where this installation keeps them: the folder the system property {@value #FOLDER_PROPERTY}
   * names, else the first {@code kafka/} beside Prooflane's classes that holds the broker ({@code
   * target/kafka} for the CLI's {@code target/lib/*.jar}, and for a module's {@code target/classes}
   * or {@code target/*.jar} in a build); when none does, the first (so that the error names where
   * the build puts it).
   */
  public static KafkaJars located() {
    String property = System.getProperty(FOLDER_PROPERTY);
    if (property != null && !property.isBlank()) {
      return in(Path.of(property));
    }
    List<Path> candidates =
        BesideCode.candidates(BesideCode.codeLocation(KafkaJars.class), "kafka");
    return candidates.stream()
        .map(KafkaJars::in)
        .filter(jars -> Files.isRegularFile(jars.brokerJar()))
        .findFirst()
        .orElseGet(() -> in(candidates.get(0)));
  }

  /** The folder of the broker's class path. */
  public Path broker() {
    return folder.resolve("broker");
  }

  /** The broker's own jar, in {@link #broker()}. */
  public Path brokerJar() {
    return broker().resolve(BROKER_JAR);
  }

  /** The class path a JVM runs the broker with: every jar of {@link #broker()}. */
  public String classPath() {
    return broker().resolve("*").toString();
  }

  /** The consumer interceptor's jar ({@code ${kafka.interceptor}}). */
  public Path interceptor() {
    return folder.resolve(INTERCEPTOR_FILE);
  }

  /**
   * Checks that the broker's jars are there.
   *
   * @throws KafkaJarMissingException naming the artifact, where it was looked for, and the fix
   */
  public void requireBroker() {
    require("kafka", "the broker the daemon starts", brokerJar(), BROKER_ARTIFACT);
  }

  /**
   * Checks that the interceptor's jar is there, for {@code field} (such as {@code
   * services.notifier.env.CLASSPATH}) that names it with {@code ${kafka.interceptor}}.
   *
   * @throws KafkaJarMissingException naming the artifact, where it was looked for, and the fix
   */
  public void requireInterceptor(String field) {
    require(
        field,
        "${kafka.interceptor}, Prooflane's consumer interceptor",
        interceptor(),
        INTERCEPTOR_ARTIFACT);
  }

  /**
   * Checks the interceptor's jar for each service whose command or env names {@code
   * ${kafka.interceptor}}, naming the first such field.
   *
   * @throws KafkaJarMissingException when one does and the jar is missing
   */
  public void requireInterceptorWhereUsed(Environment env) {
    String placeholder = "${" + Placeholders.KAFKA_INTERCEPTOR + "}";
    for (ServiceSpec spec : env.services().values()) {
      String prefix = "services." + spec.name() + ".";
      if (spec.command().stream().anyMatch(word -> word.contains(placeholder))) {
        requireInterceptor(prefix + "command");
      }
      for (Map.Entry<String, String> var : spec.env().entrySet()) {
        if (var.getValue().contains(placeholder)) {
          requireInterceptor(prefix + "env." + var.getKey());
        }
      }
    }
  }

  private void require(String field, String what, Path file, String artifact) {
    if (!Files.isRegularFile(file)) {
      throw new KafkaJarMissingException(
          artifact,
          file,
          field
              + ": "
              + what
              + " needs "
              + artifact
              + ", which is not at "
              + file
              + " (the build copies it there from the Maven repository: rebuild Prooflane with"
              + " 'mvn -DskipTests package' in its checkout, or run ./prooflane, which builds when"
              + " its output is missing; or set -D"
              + FOLDER_PROPERTY
              + "=FOLDER to a folder that holds broker/ and prooflane-kafka.jar)");
    }
  }
}
