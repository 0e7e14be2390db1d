package dev.prooflane.actions.core;

import dev.prooflane.runtime.LogEntry;
import java.util.List;

/**
 * Log lines a step captured as evidence.
 *
 * @param service the service
 * @param instance {@code baseline} or the sandbox name
 * @param lines the lines captured
 */
public record CapturedLog(String service, String instance, List<LogEntry> lines) {
  public CapturedLog {
    lines = List.copyOf(lines);
  }
}
