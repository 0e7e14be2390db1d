package dev.prooflane.mcp.tools;

/**
 * What a running tool call may do besides answering: report progress (sent to the client when it
 * asked for it) and hear that the client cancelled it.
 */
public interface CallControl {
  /** A call nobody follows: progress goes nowhere, and it is never cancelled. */
  CallControl NONE =
      new CallControl() {
        @Override
        public void progress(String message) {}

        @Override
        public void onCancel(Runnable hook) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };

  /** One step of progress, such as {@code step contract PASS in 12 ms}. */
  void progress(String message);

  /**
   * Runs {@code hook} once when the client cancels the call (at once when it already did), on
   * another thread: it stops what the call started, such as a run on the daemon.
   */
  void onCancel(Runnable hook);

  /** Whether the client cancelled the call: its answer will not be sent. */
  boolean cancelled();
}
