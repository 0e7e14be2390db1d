package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code prooflane} as a real child process, the way a user does. */
final class CliProcess {
  /** The shop's environment file (its Kafka broker and asynchronous hop too). */
  static final Path SHOP = Path.of("../examples/shop/prooflane.yaml").toAbsolutePath().normalize();

  /**
   * The shop without its asynchronous hop (no broker, no orders/notifier): up in about half the
   * time, for the tests that need no broker.
   */
  static final Path SYNC_SHOP = SHOP.resolveSibling("prooflane-sync.yaml");

  record Result(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return Json.mapper().readTree(out);
    }
  }

  private CliProcess() {}

  static Result run(Path workdir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workdir, "out", ".txt");
    Path err = Files.createTempFile(workdir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "prooflane " + String.join(" ", args) + " did not finish in 240 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs {@code prooflane args --state-dir workdir/state} in {@code workdir}. */
  static Result inState(Path workdir, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(workdir.resolve("state").toString());
    return run(workdir, all.toArray(String[]::new));
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
