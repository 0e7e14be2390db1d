package dev.prooflane.local.agent;

import java.nio.file.Path;

/**
 * A service with {@code propagation} set cannot start: a jar the build should have put beside
 * Prooflane's own is not there. The message names the artifact, where it was looked for and the
 * fix; nothing was started without it.
 */
public final class AgentJarMissingException extends JarMissingException {
  private static final long serialVersionUID = 1L;

  AgentJarMissingException(String artifact, Path file, String message) {
    super(artifact, file, message);
  }
}
