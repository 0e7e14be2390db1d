package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;

/**
 * The state folder cannot be used: it is a file, or the daemon's user may not create or write files
 * in it. Nothing in it was changed; the message names the folder, the missing permission and the
 * fix, on one line.
 */
public final class StateFolderException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String folder;

  public StateFolderException(Path folder, String message, Throwable cause) {
    super(message, cause);
    this.folder = requireNonNull(folder, "folder").toString();
  }

  /** The state folder. */
  public Path folder() {
    return Path.of(folder);
  }
}
