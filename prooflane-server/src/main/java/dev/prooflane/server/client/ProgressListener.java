package dev.prooflane.server.client;

import java.util.function.Consumer;

/**
 * Follows a streamed long request (a run, a validation): hears its id as soon as the daemon has
 * started it, so that it may be cancelled, then each progress line.
 */
public interface ProgressListener {
  /** The daemon started it under {@code id} (a run or validation id). */
  void started(String id);

  /** One progress line. */
  void progress(String line);

  /** A listener of the lines only. */
  static ProgressListener of(Consumer<String> lines) {
    return new ProgressListener() {
      @Override
      public void started(String id) {}

      @Override
      public void progress(String line) {
        lines.accept(line);
      }
    };
  }
}
