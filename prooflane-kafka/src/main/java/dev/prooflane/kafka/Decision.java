package dev.prooflane.kafka;

/** What a consumer instance does with one record. */
enum Decision {
  /** The record is this instance's: it is passed to the application. */
  DELIVER,
  /**
   * The baseline skips it: its key belongs to a sandbox that forks this service, whose consumer (in
   * its own group) takes it, also once a fork that is down is back.
   */
  SKIP_FORKED,
  /** A fork skips it: it does not carry the fork's sandbox key. */
  SKIP_NOT_OURS;

  boolean delivers() {
    return this == DELIVER;
  }
}
