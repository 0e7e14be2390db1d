package dev.prooflane.bench.overhead;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment file of a benchmark that starts a daemon: one service running {@link
 * ReadyEchoMain} (health {@code /health}, 30 s), and whatever other top-level sections it needs.
 */
public final class EchoEnvironment {
  private EchoEnvironment() {}

  /** The command of a small JVM running {@link ReadyEchoMain} from {@code classes}. */
  public static List<String> command(Path classes) {
    return List.of(
        "java",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx32m",
        "-Xss512k",
        "-cp",
        classes.toString(),
        ReadyEchoMain.class.getName());
  }

  /**
   * Writes {@code work/prooflane.yaml}: environment {@code name}, the service {@code service}
   * running {@code command} on {@code ${port}}, and {@code sections} (such as {@code kafka}).
   */
  public static Path write(
      Path work, String name, String service, List<String> command, Map<String, Object> sections)
      throws IOException {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("command", command);
    spec.put("env", Map.of("PORT", "${port}"));
    spec.put("health", Map.of("path", "/health", "timeout", "30s"));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("name", name);
    env.putAll(sections);
    env.put("services", Map.of(service, spec));
    Files.createDirectories(work);
    Path file = work.resolve("prooflane.yaml");
    // JSON is YAML
    Files.writeString(file, new ObjectMapper().writeValueAsString(env));
    return file;
  }
}
