package dev.prooflane.model;

/**
 * The root of every error Prooflane raises on purpose; subclasses carry the fields that locate it.
 */
public class ProoflaneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProoflaneException(String message) {
    super(message);
  }

  public ProoflaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
