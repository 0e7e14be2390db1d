package dev.prooflane.local.store;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file of the state folder could not be written (the disk is full, the folder turned read-only,
 * an I/O error), so the change that needed it was not made. {@link #full()} tells a full disk (the
 * API answers 507) from the rest (503).
 */
public final class StateWriteException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final boolean full;

  /**
   * @param file the file that could not be written
   * @param message what was not done, the file, the cause and the fix
   * @param full whether the cause is a full disk or an exhausted quota
   */
  public StateWriteException(Path file, String message, boolean full, Throwable cause) {
    super(message, cause);
    this.file = requireNonNull(file, "file").toString();
    this.full = full;
  }

  /**
   * The failure to write {@code file} while doing {@code what} (such as {@code append to the audit
   * log}), worded with its cause and the fix.
   */
  public static StateWriteException of(Path file, String what, Throwable cause) {
    String reason = reason(cause);
    boolean full = isFull(reason);
    Path folder = file.toAbsolutePath().getParent();
    return new StateWriteException(
        file,
        "cannot "
            + what
            + " "
            + file
            + ": "
            + reason
            + (full
                ? "; free space on the disk of the state folder " + folder + ", then retry"
                : "; check that the state folder " + folder + " is writable, then retry"),
        full,
        cause);
  }

  /** The file that could not be written. */
  public Path file() {
    return Path.of(file);
  }

  /** Whether the disk (or the user's quota) is full. */
  public boolean full() {
    return full;
  }

  /**
   * The same failure with {@code consequence} (such as {@code sandbox 'a' was not deleted}) in
   * front of its message.
   */
  public StateWriteException because(String consequence) {
    return new StateWriteException(file(), consequence + ": " + getMessage(), full, this);
  }

  private static String reason(Throwable cause) {
    if (cause instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (cause instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static boolean isFull(String reason) {
    String r = reason.toLowerCase(Locale.ROOT);
    return r.contains("no space left")
        || r.contains("disk quota")
        || r.contains("sqlite_full")
        || r.contains("database or disk is full");
  }
}
