package dev.prooflane.local.agent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the build puts a folder of jars that Prooflane runs beside its own classes ({@code
 * target/agents}, {@code target/kafka}): next to the CLI's {@code lib/}, or next to a module's
 * {@code classes/} or jar in a build.
 */
public final class BesideCode {
  private BesideCode() {}

  /**
   * The folders named {@code name} to look in, for Prooflane's classes at {@code code}: for a jar,
   * the one beside its folder, then the one in it; for a folder of classes, the one beside it.
   */
  public static List<Path> candidates(Optional<Path> code, String name) {
    Path where = code.orElse(Path.of("classes").toAbsolutePath());
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(where) && where.getParent() != null) {
      out.add(where.getParent().resolveSibling(name));
    }
    out.add(where.resolveSibling(name));
    return out;
  }

  /** Where {@code type}'s class file or jar is, when the JVM says. */
  public static Optional<Path> codeLocation(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }
}
