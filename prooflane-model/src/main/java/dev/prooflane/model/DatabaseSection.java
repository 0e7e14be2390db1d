package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of the {@code databases:} section: a database the baseline uses, created on the
 * environment's PostgreSQL server when missing, and how to initialise it then.
 *
 * @param name the PostgreSQL database name, {@link #NAME}
 * @param init what runs once, when the daemon creates the database (not on later starts)
 */
public record DatabaseSection(String name, DatabaseInit init) {
  /**
   * A database name: a lowercase letter, then up to 39 lowercase letters, digits and {@code _}, so
   * that it needs no quoting and a branch's name ({@code <name>__<sandbox>}) still fits
   * PostgreSQL's 63 bytes in most cases.
   */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /** What {@link #NAME} accepts, for messages. */
  public static final String EXPECTED_NAME =
      "a lowercase letter, then up to 39 lowercase letters, digits and '_'";

  /** The server's own databases, never a baseline's: the daemon works in {@code postgres}. */
  public static final Set<String> RESERVED = Set.of("postgres", "template0", "template1");

  public DatabaseSection {
    requireNonNull(name, "name");
    requireNonNull(init, "init");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: " + name + " (expected: " + EXPECTED_NAME + ")");
    }
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException(
          "name: "
              + name
              + " (expected: not one of the server's own: postgres, template0, template1)");
    }
  }
}
