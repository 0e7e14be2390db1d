package dev.prooflane.local.postgres;

import dev.prooflane.model.PostgresSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real PostgreSQL server for all the module's tests that take a {@link PostgresServer}
 * parameter: started at the first such test (each start costs seconds), stopped and deleted when
 * the test run ends.
 */
final class SharedPostgres implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedPostgres.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> Started.start(), Started.class)
        .server();
  }

  /** The server and its folder, removed together when the run's root store closes. */
  record Started(PostgresServer server, Path folder) implements AutoCloseable {
    static Started start() {
      try {
        Path folder = Files.createTempDirectory("prooflane-postgres-");
        return new Started(
            PostgresServer.start(PostgresSection.started(), folder, line -> {}), folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      delete(folder);
    }
  }

  static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
