package dev.prooflane.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The workload whose classes the build puts into the CLI's class-data-sharing archive ({@code
 * target/prooflane-cli.jsa}, which the {@code prooflane} launcher maps at every start): the usage
 * help of every command, {@code --version}, and the read commands against no daemon and against a
 * {@link TrainingDaemon}, which answers like a daemon with one sandbox. It needs nothing running
 * and prints nothing; the build runs it as {@code java -XX:DumpLoadedClassList=... StartupTraining}
 * (see prooflane-cli/pom.xml).
 */
public final class StartupTraining {
  /** The read commands, each run with and without a daemon, as text and as JSON. */
  private static final List<List<String>> READS =
      List.of(
          List.of("status"),
          List.of("sandbox", "list"),
          List.of("sandbox", "get", "pr-1"),
          List.of("skill", "list"),
          List.of("skill", "describe", "checkout"),
          List.of("action", "list"),
          List.of("token", "list"),
          List.of("hops"),
          List.of("logs", "pricing"));

  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    Path noDaemon = Files.createTempDirectory("prooflane-training");
    Path daemon = Files.createTempDirectory("prooflane-training");
    try (TrainingDaemon server = TrainingDaemon.start()) {
      server.announceIn(daemon);
      for (List<String> command : helpAndVersion()) {
        Main.run(none, none, command.toArray(String[]::new));
      }
      for (List<String> read : READS) {
        for (Path state : List.of(noDaemon, daemon)) {
          for (String output : List.of("--verbose", "--json")) {
            List<String> command = new ArrayList<>(read);
            command.addAll(List.of("--state-dir", state.toString(), output));
            Main.run(none, none, command.toArray(String[]::new));
          }
        }
      }
    } finally {
      deleteAll(noDaemon);
      deleteAll(daemon);
    }
  }

  /** The usage help of every command, and {@code --version}. */
  private static List<List<String>> helpAndVersion() {
    List<List<String>> commands = new ArrayList<>();
    commands.add(List.of("--version"));
    commands.add(List.of("--help"));
    for (Class<?> type : CommandTree.SUBCOMMANDS) {
      String name = type.getAnnotation(Command.class).name();
      commands.add(name.equals("help") ? List.of("help", "sandbox") : List.of(name, "--help"));
    }
    return commands;
  }

  private static void deleteAll(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
