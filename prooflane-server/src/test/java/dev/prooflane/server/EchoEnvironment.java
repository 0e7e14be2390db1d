package dev.prooflane.server;

import dev.prooflane.local.TestEnvironment;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon tests' environment: one service {@code a}, a real EchoService process (from
 * prooflane-local's tests) that answers every path, written as {@code prooflane.yaml}.
 */
public final class EchoEnvironment {
  private EchoEnvironment() {}

  /** Service {@code a} answering every path itself; sandboxes may live up to an hour. */
  public static Environment single(Path dir) throws IOException {
    return write(dir, "", "");
  }

  /**
   * Service {@code a} answering every path itself, with the routing key carried under the names of
   * {@code tool} ({@code compat:} in the environment file, such as {@code signadot}).
   */
  public static Environment compat(Path dir, String tool) throws IOException {
    return write(dir, "", "routing: {compat: " + tool + "}\n");
  }

  /**
   * Writes the skill {@code echo} into {@code dir/skills}: one {@code http} step asking service
   * {@code a} for {@code /echo}, which passes.
   */
  public static void echoSkill(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("skills"));
    Files.writeString(
        dir.resolve("skills/echo.yaml"),
        """
        name: echo
        description: Asks service a for a path.
        whenToUse: In the daemon's tests.
        steps:
          - id: ask
            action: http
            with: {service: a, path: /echo, expectStatus: 200}
        """);
  }

  /**
   * Service {@code a}, which answers a path only once {@code nextUrl} (such as a test's own server)
   * answered it.
   */
  public static Environment calling(Path dir, String nextUrl) throws IOException {
    return write(dir, ", NEXT_URL: \"" + nextUrl + "\"", "");
  }

  /**
   * A fork's command for {@code a} that starts the service only once {@code gate} exists: its
   * sandbox stays STARTING until then.
   */
  public static List<String> gatedCommand(Path gate) {
    return List.of(
        "sh",
        "-c",
        "while [ ! -f '"
            + gate
            + "' ]; do sleep 0.05; done; exec "
            + TestEnvironment.echoCommand());
  }

  /**
   * Writes the skill {@code always} (one {@code check} step that passes) into {@code
   * dir/test-skills} and returns that folder.
   */
  public static Path alwaysPassingSkill(Path dir) throws IOException {
    Path skills = Files.createDirectories(dir.resolve("test-skills"));
    Files.writeString(
        skills.resolve("always.yaml"),
        """
        name: always
        description: A skill of the tests.
        whenToUse: Never outside them.
        steps:
          - {id: only, action: check, with: {that: '${{ true }}', message: always true}}
        """);
    return skills;
  }

  /**
   * Writes the environment file {@code file} named {@code name} with one echo service per entry of
   * {@code services}, in order; an entry {@code b:2} is service {@code b} with {@code VERSION=2} in
   * its environment (a changed definition of {@code b}).
   */
  public static void echoes(Path file, String name, String... services) throws IOException {
    StringBuilder yaml = new StringBuilder("name: " + name + "\nservices:\n");
    for (String service : services) {
      String[] parts = service.split(":", 2);
      yaml.append("  ")
          .append(parts[0])
          .append(":\n    command: ")
          .append(TestEnvironment.echoCommand())
          .append("\n    env: {PORT: \"${port}\"")
          .append(parts.length == 2 ? ", VERSION: \"" + parts[1] + "\"" : "")
          .append("}\n");
    }
    Files.writeString(file, yaml.toString());
  }

  private static Environment write(Path dir, String moreEnv, String routing) throws IOException {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: echo
        %s\
        sandboxes: {maxTtl: 1h}
        services:
          a:
            command: %s
            env: {PORT: "${port}"%s}
            health: {timeout: 30s}
        """
            .formatted(routing, TestEnvironment.echoCommand(), moreEnv));
    return EnvironmentReader.read(file);
  }
}
