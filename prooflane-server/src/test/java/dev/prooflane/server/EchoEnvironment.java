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
    return write(dir, "");
  }

  /**
   * Service {@code a}, which answers a path only once {@code nextUrl} (such as a test's own server)
   * answered it.
   */
  public static Environment calling(Path dir, String nextUrl) throws IOException {
    return write(dir, ", NEXT_URL: \"" + nextUrl + "\"");
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

  private static Environment write(Path dir, String moreEnv) throws IOException {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: echo
        sandboxes: {maxTtl: 1h}
        services:
          a:
            command: %s
            env: {PORT: "${port}"%s}
            health: {timeout: 30s}
        """
            .formatted(TestEnvironment.echoCommand(), moreEnv));
    return EnvironmentReader.read(file);
  }
}
