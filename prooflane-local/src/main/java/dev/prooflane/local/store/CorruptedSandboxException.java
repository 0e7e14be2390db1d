package dev.prooflane.local.store;

import dev.prooflane.model.Sandbox;
import java.nio.file.Path;
import java.util.List;

/**
 * Stored sandboxes could not be read back. The rows stay in the database untouched; the ones that
 * could be read are available from {@link #readable()}.
 */
public final class CorruptedSandboxException extends StateStoreException {
  private static final long serialVersionUID = 1L;
  private final List<String> sandboxes;
  private final transient List<Sandbox> readable;

  public CorruptedSandboxException(
      Path database,
      List<String> sandboxes,
      List<Sandbox> readable,
      String message,
      Throwable cause) {
    super(database, message, cause);
    this.sandboxes = List.copyOf(sandboxes);
    this.readable = List.copyOf(readable);
  }

  /** The names of the sandboxes whose rows cannot be read. */
  public List<String> sandboxes() {
    return sandboxes;
  }

  /** The other sandboxes, read fine, ordered by name. */
  public List<Sandbox> readable() {
    return readable == null ? List.of() : readable;
  }
}
