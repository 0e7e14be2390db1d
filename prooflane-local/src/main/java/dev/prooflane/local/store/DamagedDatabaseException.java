package dev.prooflane.local.store;

import java.nio.file.Path;

/** The state database is damaged: not a database, or SQLite's integrity check fails. */
final class DamagedDatabaseException extends StateStoreException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  DamagedDatabaseException(Path database, String reason, Throwable cause) {
    super(
        database,
        "is damaged ("
            + reason
            + "); move it away to start empty (every sandbox record in it is lost), or start the"
            + " daemon, which recovers it from its backup",
        cause);
    this.reason = reason;
  }

  /** What is wrong with the file, as SQLite says it. */
  String reason() {
    return reason;
  }
}
