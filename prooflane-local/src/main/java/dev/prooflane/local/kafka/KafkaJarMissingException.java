package dev.prooflane.local.kafka;

import dev.prooflane.local.agent.JarMissingException;
import java.nio.file.Path;

/**
 * An environment with a {@code kafka:} section cannot start: a jar the build should have put beside
 * Prooflane's own (the broker's, or the consumer interceptor a service names) is not there. The
 * message names the artifact, where it was looked for and the fix; nothing was started without it.
 */
public final class KafkaJarMissingException extends JarMissingException {
  private static final long serialVersionUID = 1L;

  KafkaJarMissingException(String artifact, Path file, String message) {
    super(artifact, file, message);
  }
}
