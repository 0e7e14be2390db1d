package dev.prooflane.model.tls;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;

/**
 * A file of the router's TLS identity cannot serve: missing, unreadable, not PEM, or a key that
 * does not belong to the certificate. Carries which field of {@code router.tls} names the file.
 */
public final class TlsFileException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * @param field {@code certificate} or {@code key}
   * @param problem what is wrong with the file and how to fix it
   */
  public TlsFileException(String field, String problem) {
    super("router.tls." + requireNonNull(field, "field") + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The field of {@code router.tls} that names the file: {@code certificate} or {@code key}. */
  public String field() {
    return field;
  }

  /** What is wrong and how to fix it, without the field. */
  public String problem() {
    return problem;
  }
}
