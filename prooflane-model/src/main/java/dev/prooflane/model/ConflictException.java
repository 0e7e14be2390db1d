package dev.prooflane.model;

/**
 * The request clashes with current state (a name already taken, a sandbox still starting);
 * subclasses carry the fields of the clash.
 */
public class ConflictException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
