package dev.prooflane.local.postgres;

/** PostgreSQL identifiers and literals as they stand in a statement. */
final class Identifiers {
  private Identifiers() {}

  /** {@code name} as a quoted identifier ({@code "a""b"}). */
  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code text} as a string literal ({@code 'it''s'}); standard_conforming_strings is on. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
