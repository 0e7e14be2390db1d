package dev.prooflane.cli.kube;

import dev.prooflane.model.ProoflaneException;

/**
 * The cluster is unreachable or refuses a {@code kube} command (exit code 3); the message says
 * which cluster and what to check.
 */
final class KubeException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  KubeException(String message, Throwable cause) {
    super(message, cause);
  }

  KubeException(String message) {
    super(message);
  }
}
