package dev.prooflane.local.store;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;

/** The state database could not be opened, read or written. */
public class StateStoreException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String database;

  public StateStoreException(Path database, String message, Throwable cause) {
    super("state database " + database + ": " + message, cause);
    this.database = database.toString();
  }

  /** The database file. */
  public Path database() {
    return Path.of(database);
  }
}
