package dev.prooflane.local.agent;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;

/**
 * A jar the build should have put beside Prooflane's own is not there ({@link BesideCode}). The
 * message names the artifact, where it was looked for and the fix; nothing was started without it.
 */
public abstract class JarMissingException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String artifact;
  private final String file;

  protected JarMissingException(String artifact, Path file, String message) {
    super(message);
    this.artifact = requireNonNull(artifact, "artifact");
    this.file = requireNonNull(file, "file").toString();
  }

  /** The missing jar's Maven coordinates. */
  public String artifact() {
    return artifact;
  }

  /** Where it was looked for. */
  public Path file() {
    return Path.of(file);
  }
}
