package dev.prooflane.local.process;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;
import java.util.Optional;

/** A started instance did not become ready: it exited early or its health check timed out. */
public final class InstanceFailedException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String id;
  private final Integer exitCode;
  private final String logFile;

  public InstanceFailedException(
      String id, Optional<Integer> exitCode, Path logFile, String message) {
    super(message);
    this.id = id;
    this.exitCode = exitCode.orElse(null);
    this.logFile = logFile.toString();
  }

  /** The instance id, such as {@code pr-42/pricing}. */
  public String id() {
    return id;
  }

  /** The exit code when the process exited, empty when it still ran (a timeout). */
  public Optional<Integer> exitCode() {
    return Optional.ofNullable(exitCode);
  }

  /** The file holding the instance's full output. */
  public Path logFile() {
    return Path.of(logFile);
  }
}
