package dev.prooflane.actions.schema;

import dev.prooflane.actions.core.ActionInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Resolves a file a step names against the skill folder and refuses anything that would read
 * outside it: absolute paths, URLs, {@code ..} escapes and symbolic links that lead out (real paths
 * are compared, so a link inside the folder pointing elsewhere is caught too).
 */
public final class ConfinedFiles {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

  private ConfinedFiles() {}

  /** The real path of the skill folder, which every file must stay inside. */
  public static Path root(Path skillDir) {
    try {
      return skillDir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("skill folder " + skillDir + " is not readable", e);
    }
  }

  /**
   * The real path of {@code given}, relative to {@code root}.
   *
   * @throws dev.prooflane.actions.core.ActionInputException naming {@code field} and the rule
   *     broken
   */
  public static Path resolve(ActionInput input, String field, String given, Path root) {
    String rule = "files must be relative paths inside the skill folder " + root;
    if (given.isBlank()) {
      throw input.error(field, "empty (expected: a file path relative to the skill folder)");
    }
    if (URL.matcher(given).matches()) {
      throw input.error(field, "'" + given + "' is a URL; files are never fetched (" + rule + ")");
    }
    Path relative;
    try {
      relative = Path.of(given);
    } catch (InvalidPathException e) {
      throw input.error(field, "'" + given + "' is not a valid path: " + e.getReason());
    }
    if (relative.isAbsolute() || given.startsWith("/") || given.startsWith("\\")) {
      throw input.error(field, "'" + given + "' is an absolute path (" + rule + ")");
    }
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root)) {
      throw input.error(field, "'" + given + "' escapes the skill folder with '..' (" + rule + ")");
    }
    if (!Files.exists(candidate)) {
      throw input.error(field, "'" + given + "' not found in the skill folder " + root);
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      throw input.error(field, "'" + given + "' cannot be read: " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw input.error(
          field,
          "'" + given + "' is a symbolic link that leads outside the skill folder (" + rule + ")");
    }
    if (!Files.isRegularFile(real)) {
      throw input.error(field, "'" + given + "' is not a regular file");
    }
    return real;
  }
}
