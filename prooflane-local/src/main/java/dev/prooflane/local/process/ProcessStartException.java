package dev.prooflane.local.process;

import dev.prooflane.model.ProoflaneException;
import java.util.List;

/** A process could not be started: the program or the working directory is missing, and so on. */
public final class ProcessStartException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String id;
  private final List<String> command;

  public ProcessStartException(String id, List<String> command, String message, Throwable cause) {
    super(message, cause);
    this.id = id;
    this.command = List.copyOf(command);
  }

  /** The instance id, such as {@code pr-42/pricing}. */
  public String id() {
    return id;
  }

  /** The command that failed to start. */
  public List<String> command() {
    return command;
  }
}
