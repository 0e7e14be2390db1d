package dev.prooflane.model;

/** A named thing (service, sandbox) does not exist. */
public final class NotFoundException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final String name;

  public NotFoundException(String kind, String name, String hint) {
    super(kind + " '" + name + "' not found" + (hint == null || hint.isEmpty() ? "" : ": " + hint));
    this.kind = kind;
    this.name = name;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }
}
