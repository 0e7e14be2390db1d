package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

/** An environment variable a service needs is missing or malformed; the process exits with 2. */
public final class SettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  public SettingException(String variable, String message) {
    super(message);
    this.variable = requireNonNull(variable, "variable");
  }

  /** The environment variable that is wrong, such as {@code PORT}. */
  public String variable() {
    return variable;
  }
}
