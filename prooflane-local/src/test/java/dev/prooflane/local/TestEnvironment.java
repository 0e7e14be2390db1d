package dev.prooflane.local;

import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A three-service chain a → b → c of {@link EchoService} processes, written as prooflane.yaml; and
 * the command that runs an EchoService, for the daemon's tests too.
 */
public final class TestEnvironment {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TestEnvironment() {}

  /** The command line that runs an {@link EchoService} from this module's test classes. */
  public static String echoCommand() {
    try {
      Path classes =
          Path.of(EchoService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx32m -cp "
          + classes
          + " "
          + EchoService.class.getName();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Environment chain(Path dir) throws IOException {
    String command = echoCommand();
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: chain
        sandboxes: {maxTtl: 1h}
        services:
          c:
            command: %1$s
            env: {PORT: "${port}"}
            health: {timeout: 30s}
          b:
            command: %1$s
            env: {PORT: "${port}", NEXT_URL: "${services.c.url}"}
            health: {timeout: 30s}
          a:
            command: %1$s
            env: {PORT: "${port}", NEXT_URL: "${services.b.url}"}
            health: {timeout: 30s}
        """
            .formatted(command));
    return EnvironmentReader.read(file);
  }

  /** GET {@code url} with the key as baggage when not null; returns status and body. */
  static HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (key != null) {
      request.header("baggage", "prooflane-key=" + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
