package dev.prooflane.actions.core;

/**
 * A range of positions in one instance's log.
 *
 * @param from lines after this position
 * @param to lines up to this position, or {@link Long#MAX_VALUE} for "until now"
 */
public record LogWindow(long from, long to) {
  public boolean contains(long seq) {
    return seq > from && seq <= to;
  }
}
