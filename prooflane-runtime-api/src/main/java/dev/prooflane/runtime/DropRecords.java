package dev.prooflane.runtime;

import java.util.List;

/**
 * The drop records a runtime found for one routing key, and how many lines it could not read.
 *
 * @param records the records whose inbound request carried the key, oldest first
 * @param malformedLines lines of the record files that were not a record (skipped, never fatal)
 */
public record DropRecords(List<PropagationDrop> records, int malformedLines) {
  /** No records and nothing skipped: what a runtime without drop detectors answers. */
  public static final DropRecords NONE = new DropRecords(List.of(), 0);

  public DropRecords {
    records = List.copyOf(records);
    if (malformedLines < 0) {
      throw new IllegalArgumentException("malformedLines: " + malformedLines + " (expected: >= 0)");
    }
  }
}
