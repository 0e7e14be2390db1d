package dev.prooflane.server.audit;

/**
 * What verifying an audit log found.
 *
 * @param ok whether every record is intact and the chain is complete
 * @param records how many records were read
 * @param lastSeq the seq of the last intact record (0 when none)
 * @param line the 1-based line of the first broken record, or 0 when ok
 * @param seq the seq the first broken record carries (or was expected to carry, when it is
 *     unreadable or missing), or 0 when ok
 * @param problem what is wrong there and what it means, or null when ok
 */
public record AuditCheck(
    boolean ok, long records, long lastSeq, int line, long seq, String problem) {
  static AuditCheck intact(long records, long lastSeq) {
    return new AuditCheck(true, records, lastSeq, 0, 0, null);
  }

  static AuditCheck broken(long records, long lastSeq, int line, long seq, String problem) {
    return new AuditCheck(false, records, lastSeq, line, seq, problem);
  }
}
