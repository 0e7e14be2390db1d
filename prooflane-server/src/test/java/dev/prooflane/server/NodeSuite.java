package dev.prooflane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A folder's {@code node:test} suite ({@code node --test test/}, one file at a time), run as a real
 * process against a daemon: the dashboard's browser suite (prooflane-ui) and the TypeScript MCP
 * client's (prooflane-mcp). Its output goes to a log file and is printed, so that a failing run
 * shows every test's result.
 */
public final class NodeSuite {
  /** The most a suite may take: a minute less than the 15 its callers' {@code @Timeout} allows. */
  private static final long MINUTES = 14;

  private NodeSuite() {}

  /**
   * Runs the suite in {@code suite} with {@code env} added to this process's environment, writing
   * its output to {@code log}; asserts that it ended in time, exited 0 and failed no test.
   *
   * @return the summary lines of its output ({@code ℹ tests 12}, {@code ℹ pass 12}, ...)
   */
  public static List<String> passes(Path suite, Path log, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder node =
        new ProcessBuilder(
                "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "test/")
            .directory(suite.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    node.environment().putAll(env);
    Process process = node.start();
    boolean ended = process.waitFor(MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    System.out.println(output);
    assertThat(ended).as("the suite ended in time:\n" + output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<String> summary = output.lines().filter(l -> l.startsWith("ℹ ")).toList();
    assertThat(summary).as(output).contains("ℹ fail 0");
    return summary;
  }
}
