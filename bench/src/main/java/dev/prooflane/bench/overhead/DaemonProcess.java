package dev.prooflane.bench.overhead;

import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A daemon started as {@code ./prooflane up} starts one in the foreground: its own JVM, the CLI's
 * jar, and the start-up archive the launcher maps for {@code up} (or only the JDK's own archive).
 * Knows when it started and when it said it was ready (the instant its ready line arrived).
 */
public final class DaemonProcess implements AutoCloseable {
  /** The start of the line {@code up} prints once the baseline is healthy and the API listens. */
  private static final String READY = "prooflane: ready, API ";

  private final Process process;
  private final Path stateDir;
  private final double upToReadyMs;
  private final DaemonClient client;

  private DaemonProcess(Process process, Path stateDir, long startedMicros, long readyMicros) {
    this.process = process;
    this.stateDir = stateDir;
    this.upToReadyMs = (readyMicros - startedMicros) / 1000.0;
    this.client =
        new DaemonClient(
            DaemonInfo.read(stateDir).orElseThrow().apiUrl(),
            AdminTokenFile.read(stateDir).orElseThrow());
  }

  /**
   * Starts {@code up -f envFile} with its state in {@code stateDir} from {@code cliJar}, mapping
   * {@code archive} when present, and returns once it printed its ready line; its output goes to
   * {@code stateDir/../NAME.out}.
   */
  public static DaemonProcess start(
      Path cliJar, Optional<Path> archive, Path envFile, Path stateDir)
      throws IOException, InterruptedException {
    return start(cliJar, archive, envFile, stateDir, List.of(), List.of());
  }

  /**
   * As {@link #start(Path, Optional, Path, Path)}, with {@code jvmOptions} (such as a flight
   * recording) before the class and {@code upOptions} (such as {@code --policy FILE}) after {@code
   * up}'s own.
   */
  public static DaemonProcess start(
      Path cliJar,
      Optional<Path> archive,
      Path envFile,
      Path stateDir,
      List<String> jvmOptions,
      List<String> upOptions)
      throws IOException, InterruptedException {
    // as the launcher runs `up`: the default JIT and collector, its picocli properties and logging
    List<String> command = new ArrayList<>(List.of("java", "-Xshare:auto"));
    archive.ifPresent(a -> command.add("-XX:SharedArchiveFile=" + a));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-Dpicocli.disable.closures=true",
            "-Djansi.disable=true",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-Xlog:cds=off,cds+dynamic=off:stderr",
            "-cp",
            cliJar.toString(),
            "dev.prooflane.cli.Main",
            "up",
            "--api-port",
            "0",
            "--state-dir",
            stateDir.toString(),
            "-f",
            envFile.toString()));
    command.addAll(upOptions);
    Path out = stateDir.resolveSibling(stateDir.getFileName() + ".out");
    long started = SandboxOverheadMain.micros();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    CompletableFuture<Long> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter log =
                      new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith(READY)) {
                    ready.complete(SandboxOverheadMain.micros());
                  }
                  log.println(line);
                  log.flush();
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IllegalStateException("the daemon ended before it was ready; see " + out));
            },
            "daemon-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new DaemonProcess(process, stateDir, started, ready.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the daemon did not get ready; see " + out, e);
    }
  }

  /** From the process start to its ready line, in milliseconds. */
  public double upToReadyMs() {
    return upToReadyMs;
  }

  /** The daemon's process id. */
  public long pid() {
    return process.pid();
  }

  public DaemonClient client() {
    return client;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** The router port of {@code service}, as {@code status} shows its URL. */
  public int routerPort(String service) {
    return client.status().services().stream()
        .filter(s -> s.name().equals(service))
        .map(s -> URI.create(s.routerUrl()).getPort())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no service " + service));
  }

  /** Asks the daemon to stop and waits for its process to end. */
  @Override
  public void close() {
    try {
      client.shutdown();
    } catch (RuntimeException e) {
      // it may be gone already: the wait below decides
    }
    try {
      if (process.waitFor(60, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the daemon for " + stateDir + " did not stop within 60 s (" + Instant.now() + ")");
  }
}
