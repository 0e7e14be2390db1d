package dev.prooflane.mcp.tools;

import dev.prooflane.server.client.ProgressListener;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A long daemon call (a streamed run or validation) followed by an MCP call: each progress line
 * goes to the client, and a cancellation by the client cancels what the daemon started, by id, as
 * soon as it is known.
 */
final class Followed implements ProgressListener {
  /** The reason a cancelled call gives the daemon. */
  static final String CANCELLED = "the MCP client cancelled the call";

  private final CallControl control;
  private final Consumer<String> cancel;
  private final AtomicReference<String> id = new AtomicReference<>();

  /** Follows for {@code control}; {@code cancel} cancels the started thing by id. */
  Followed(CallControl control, Consumer<String> cancel) {
    this.control = control;
    this.cancel = cancel;
    control.onCancel(this::cancelStarted);
  }

  /** The id of what the daemon started, or null before. */
  String id() {
    return id.get();
  }

  @Override
  public void started(String started) {
    id.set(started);
    if (control.cancelled()) {
      cancelStarted();
    }
  }

  @Override
  public void progress(String line) {
    control.progress(line);
  }

  private void cancelStarted() {
    String started = id.get();
    if (started != null) {
      cancel.accept(started);
    }
  }
}
