package dev.prooflane.local.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * How a damaged state database was recovered from its backup when it was opened.
 *
 * @param damaged where the damaged file was moved (never deleted)
 * @param cause what was wrong with it
 * @param backup the backup it was recovered from
 * @param backupTime when that backup was taken
 * @param recovered the sandboxes the backup holds, by name
 * @param lost what the backup misses, one line per sandbox, from the rows of the damaged file that
 *     could still be read (sandboxes created, changed or deleted after the backup)
 * @param damagedReadable whether any row of the damaged file could be read; when not, {@code lost}
 *     is empty because nothing is known
 */
public record Recovery(
    Path damaged,
    String cause,
    Path backup,
    Instant backupTime,
    List<String> recovered,
    List<String> lost,
    boolean damagedReadable) {
  public Recovery {
    requireNonNull(damaged, "damaged");
    requireNonNull(cause, "cause");
    requireNonNull(backup, "backup");
    requireNonNull(backupTime, "backupTime");
    recovered = List.copyOf(recovered);
    lost = List.copyOf(lost);
  }

  /** What happened, in a few lines for the daemon's output. */
  public String describe() {
    StringBuilder out =
        new StringBuilder("the state database was damaged (")
            .append(cause)
            .append("); recovered from the backup ")
            .append(backup)
            .append(" of ")
            .append(backupTime)
            .append(": ")
            .append(
                recovered.isEmpty()
                    ? "no sandboxes"
                    : recovered.size() + " sandbox(es) " + String.join(", ", recovered))
            .append(". The damaged file is kept as ")
            .append(damaged)
            .append('.');
    if (!damagedReadable) {
      out.append(
              " Its rows could not be read: changes to sandboxes after the backup are lost (the"
                  + " audit log lists sandbox events after ")
          .append(backupTime)
          .append(").");
    } else if (lost.isEmpty()) {
      out.append(" Nothing was lost: the backup holds every sandbox the damaged file still shows.");
    } else {
      out.append(" Lost: ").append(String.join("; ", lost)).append('.');
    }
    return out.toString();
  }
}
