package dev.prooflane.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prooflane.local.StateFolder;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxList;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The workload the build records into the CLI's class-data-sharing archive ({@code
 * target/prooflane-cli.jsa}, which the {@code prooflane} launcher maps at every start): the usage
 * help of every command, {@code --version}, and the read commands against no daemon and against a
 * loopback HTTP server that answers like a daemon without sandboxes. It needs nothing running and
 * prints nothing; the build runs it as {@code java -XX:ArchiveClassesAtExit=... StartupTraining}.
 */
public final class StartupTraining {
  /** The read commands, each run with and without a daemon, as text and as JSON. */
  private static final List<List<String>> READS =
      List.of(
          List.of("status"),
          List.of("sandbox", "list"),
          List.of("sandbox", "get", "pr-1"),
          List.of("skill", "list"),
          List.of("hops"),
          List.of("logs", "pricing"));

  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    Path noDaemon = Files.createTempDirectory("prooflane-training");
    Path daemon = Files.createTempDirectory("prooflane-training");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", StartupTraining::answer);
    server.start();
    try {
      String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
      Files.writeString(
          StateFolder.of(daemon).daemonInfo(),
          Json.pretty(
              new DaemonInfo(ProcessHandle.current().pid(), api, "prooflane.yaml", Instant.now())));
      for (List<String> command : helpAndVersion()) {
        Main.run(none, none, command.toArray(String[]::new));
      }
      for (List<String> read : READS) {
        for (Path state : List.of(noDaemon, daemon)) {
          for (String output : List.of("--verbose", "--json")) {
            List<String> command = new ArrayList<>(read);
            command.addAll(List.of("--state-dir", state.toString(), "--token", "training", output));
            Main.run(none, none, command.toArray(String[]::new));
          }
        }
      }
    } finally {
      server.stop(0);
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

  /** {@code GET /sandboxes} answers an empty list; anything else is not found, as in the API. */
  private static void answer(HttpExchange exchange) throws IOException {
    boolean list = exchange.getRequestURI().getPath().endsWith("/sandboxes");
    byte[] body =
        (list
                ? Json.write(new SandboxList(List.of()))
                : "{\"error\":\"not_found\",\"message\":\"nothing here: a training run\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(list ? 200 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void deleteAll(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
