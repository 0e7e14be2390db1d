package dev.prooflane.server.client;

import dev.prooflane.model.ProoflaneException;

/** A call to the daemon failed: it was unreachable ({@code status} 0) or answered with an error. */
public final class DaemonClientException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public DaemonClientException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, or 0 when the daemon could not be reached. */
  public int status() {
    return status;
  }

  /** The API error code (such as {@code not_found}), or {@code unreachable}. */
  public String code() {
    return code;
  }
}
