package dev.prooflane.agent;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end-to-end test's service ({@code DropsApp}) in its own JVM, with the real agent and the
 * built extension attached as Prooflane attaches them (contract: JAVA_TOOL_OPTIONS-equivalent flags
 * and the OTEL_ variables).
 */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ServiceProcess start(
      String propagation,
      Path dropsFile,
      Path stderr,
      List<String> extraFlags,
      DownstreamServers downstream)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + System.getProperty("prooflane.it.agent"));
    command.add("-Dotel.javaagent.extensions=" + System.getProperty("prooflane.it.extension"));
    command.add("-Dprooflane.drops.file=" + dropsFile);
    command.add("-Dprooflane.service=shopfront");
    command.add("-Dprooflane.destination=baseline");
    command.add("-Dprooflane.key.baggage=prooflane-key");
    command.add("-Dprooflane.key.tracestate=prooflane-key");
    command.add("-Dprooflane.key.header=x-prooflane-key");
    command.add("-Dprooflane.propagation=" + propagation);
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djavax.net.ssl.trustStore=" + downstream.keyStore());
    command.add("-Djavax.net.ssl.trustStorePassword=" + DownstreamServers.STORE_PASSWORD);
    command.add("-Djavax.net.ssl.trustStoreType=PKCS12");
    command.addAll(extraFlags);
    command.add("-cp");
    command.add(applicationClasspath());
    command.add("dev.prooflane.dropsapp.DropsApp");
    command.add(downstream.httpBase());
    command.add(Integer.toString(downstream.grpcPort()));
    command.add(downstream.httpsBase());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_SERVICE_NAME", "shopfront");
    env.put(
        "OTEL_PROPAGATORS",
        "detect".equals(propagation) ? DetectPropagatorProvider.NAME : "tracecontext,baggage");
    Process process = builder.start();
    AtomicInteger port = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("PORT ")) {
                    port.set(Integer.parseInt(line.substring(5).trim()));
                  }
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "drops-app-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> port.get() > 0 || !process.isAlive());
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    if (port.get() == 0) {
      throw new IllegalStateException(
          "the service ended before it listened (exit " + process.exitValue() + "); see " + stderr);
    }
    return new ServiceProcess(process, port.get());
  }

  /** The test's classpath without the extension itself and the libraries the agent provides. */
  private static String applicationClasspath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean extension = entry.endsWith("classes") && !entry.endsWith("test-classes");
      if (extension
          || name.startsWith("prooflane-agent-extension")
          || name.startsWith("opentelemetry-")
          || name.startsWith("byte-buddy")) {
        continue;
      }
      kept.add(entry);
    }
    return String.join(File.pathSeparator, kept);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
