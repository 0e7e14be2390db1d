package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

/**
 * One located problem in a spec file: which file, line and field, what is wrong and how to fix it.
 *
 * @param file the file name as the user gave it (or a label such as {@code <request>})
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field the field path, such as {@code services.pricing.health.path}
 * @param message what is wrong and what to do about it
 */
public record SpecProblem(String file, int line, int column, String field, String message) {
  public SpecProblem {
    requireNonNull(file, "file");
    requireNonNull(field, "field");
    requireNonNull(message, "message");
  }

  /** Formats as {@code file:line:column: field: message}, the shape editors and CI logs link. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }
}
