package dev.prooflane.local.postgres;

import dev.prooflane.model.ProoflaneException;

/**
 * The PostgreSQL server could not be started or reached, or a statement on it failed; the message
 * names the cause (with the database's own message) and the fix.
 */
public final class PostgresException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  public PostgresException(String message) {
    super(message);
  }

  public PostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
