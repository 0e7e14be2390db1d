package dev.prooflane.actions.skill;

import java.io.File;
import java.nio.file.Path;

/**
 * How reports name a skill file: relative to the environment's folder, or, for a skill outside it,
 * {@code skill-dir:<folder name>/<path in the folder>}; never absolute, because reports go into
 * pull requests and a machine's paths mean nothing there.
 */
final class ReportPath {
  /** What starts the name of a skill that lies outside the environment's folder. */
  static final String OUTSIDE = "skill-dir:";

  private ReportPath() {}

  /**
   * The report name of {@code file}, read from the skill folder {@code dir}, in an environment
   * whose folder is {@code base}.
   */
  static String of(Path base, Path dir, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = base.toAbsolutePath().normalize();
    if (absolute.startsWith(root)) {
      return slashes(root.relativize(absolute));
    }
    Path folder = dir.toAbsolutePath().normalize();
    Path name = folder.getFileName();
    Path inside =
        absolute.startsWith(folder) ? folder.relativize(absolute) : absolute.getFileName();
    return OUTSIDE + (name == null ? "" : slashes(name) + "/") + slashes(inside);
  }

  private static String slashes(Path path) {
    return path.toString().replace(File.separatorChar, '/');
  }
}
