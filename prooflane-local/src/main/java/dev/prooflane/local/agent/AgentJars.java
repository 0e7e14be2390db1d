package dev.prooflane.local.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The folder the build copies the two jars of {@code propagation} into ({@code target/agents/}
 * beside the CLI's {@code lib/}): the OpenTelemetry Java agent and Prooflane's extension. Nothing
 * is downloaded at run time; a missing jar is an {@link AgentJarMissingException} naming the
 * artifact and the fix.
 *
 * @param folder the folder that holds both jars
 */
public record AgentJars(Path folder) {
  /** The agent's Maven coordinates; the build resolves this version. */
  public static final String AGENT_ARTIFACT =
      "io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.1";

  /** The extension's Maven coordinates: a module of this project. */
  public static final String EXTENSION_ARTIFACT = "dev.prooflane:prooflane-agent-extension";

  /** The system property that names the folder instead of the one beside Prooflane's jars. */
  public static final String FOLDER_PROPERTY = "prooflane.agents";

  private static final String AGENT_FILE = "opentelemetry-javaagent-2.31.1.jar";
  private static final String EXTENSION_FILE = "prooflane-agent-extension.jar";

  public AgentJars {
    requireNonNull(folder, "folder");
    folder = folder.toAbsolutePath().normalize();
  }

  /** The jars in {@code folder}. */
  public static AgentJars in(Path folder) {
    return new AgentJars(folder);
  }

  /**
   * Where this installation keeps them: the folder the system property {@value #FOLDER_PROPERTY}
   * names, else the first of {@link #candidates} that holds the agent, for where Prooflane's own
   * classes are: {@code target/agents} for the CLI's {@code target/lib/*.jar}, and for a module's
   * {@code target/classes} or {@code target/*.jar} in a build. When none holds it, the first (so
   * that the error names where the build puts it).
   */
  public static AgentJars located() {
    String property = System.getProperty(FOLDER_PROPERTY);
    if (property != null && !property.isBlank()) {
      return in(Path.of(property));
    }
    List<Path> candidates = candidates(BesideCode.codeLocation(AgentJars.class));
    return candidates.stream()
        .map(AgentJars::in)
        .filter(jars -> Files.isRegularFile(jars.agent()))
        .findFirst()
        .orElseGet(() -> in(candidates.get(0)));
  }

  /**
   * The folders {@link #located} looks in, for Prooflane's classes at {@code code}: for a jar, the
   * {@code agents/} beside its folder, then the one in it; for a folder of classes, the {@code
   * agents/} beside it.
   */
  static List<Path> candidates(Optional<Path> code) {
    return BesideCode.candidates(code, "agents");
  }

  /** The OpenTelemetry Java agent's jar. */
  public Path agent() {
    return folder.resolve(AGENT_FILE);
  }

  /** The Prooflane extension's jar (the drop detector). */
  public Path extension() {
    return folder.resolve(EXTENSION_FILE);
  }

  /**
   * Checks that both jars are there, for {@code field} (such as {@code
   * services.catalog.propagation}) whose {@code mode} needs them.
   *
   * @throws AgentJarMissingException naming the first missing jar's artifact, where it was looked
   *     for, and the fix
   */
  public void require(String field, String mode) {
    requireFile(field, mode, agent(), AGENT_ARTIFACT, "the OpenTelemetry Java agent");
    requireFile(field, mode, extension(), EXTENSION_ARTIFACT, "Prooflane's agent extension");
  }

  private static void requireFile(
      String field, String mode, Path file, String artifact, String what) {
    if (!Files.isRegularFile(file)) {
      throw new AgentJarMissingException(
          artifact,
          file,
          field
              + ": "
              + mode
              + " needs "
              + what
              + " ("
              + artifact
              + "), which is not at "
              + file
              + " (the build copies it there from the Maven repository: rebuild Prooflane with"
              + " 'mvn -DskipTests package' in its checkout, or run ./prooflane, which builds when"
              + " its output is missing; or set -D"
              + FOLDER_PROPERTY
              + "=FOLDER to a folder that holds both jars)");
    }
  }
}
