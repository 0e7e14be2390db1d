package dev.prooflane.runtime;

import java.time.Instant;

/**
 * One line a service wrote.
 *
 * @param seq its position in the instance's log
 * @param time when it was written
 * @param stream {@code stdout} or {@code stderr}
 * @param text the line
 */
public record LogEntry(long seq, Instant time, String stream, String text) {}
