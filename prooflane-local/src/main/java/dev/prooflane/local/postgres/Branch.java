package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.BranchMode;
import java.time.Duration;

/**
 * A database branch: a database made for one sandbox from a baseline database.
 *
 * @param name the branch's database name
 * @param source the baseline database it was made from
 * @param mode what it started with
 * @param sizeBytes its size now ({@code pg_database_size})
 * @param took how long its creation took
 * @param disconnected how many sessions of the source were ended to copy it (see {@link
 *     TemplateInUse#DISCONNECT}); 0 when nobody else was connected
 */
public record Branch(
    String name, String source, BranchMode mode, long sizeBytes, Duration took, int disconnected) {
  public Branch {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(mode, "mode");
    requireNonNull(took, "took");
  }
}
