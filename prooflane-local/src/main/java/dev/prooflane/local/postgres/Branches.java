package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.BranchMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The branch engine: makes, lists, measures and drops the databases that sandboxes get instead of a
 * baseline database. Every statement runs as the server's {@link AdminLogin} in its maintenance
 * database.
 *
 * <ul>
 *   <li>{@link BranchMode#COPY}: {@code CREATE DATABASE branch TEMPLATE source STRATEGY FILE_COPY}.
 *       FILE_COPY copies the source's files and checkpoints; WAL_LOG (PostgreSQL 15+'s default)
 *       writes every block to the WAL instead. Measured on this build's server (fsync off, a shared
 *       2-core machine, 3 runs each): for an 11 MB database FILE_COPY took 109-200 ms and WAL_LOG
 *       117-140 ms; for a 135 MB one FILE_COPY 175-237 ms and WAL_LOG 343-388 ms. FILE_COPY stays a
 *       file copy as the database grows, so it is the one used.
 *   <li>{@link BranchMode#SCHEMA}: the same copy, then every table of the branch emptied in one
 *       {@code TRUNCATE ... RESTART IDENTITY CASCADE}, every other sequence restarted and every
 *       materialized view refreshed (so empty). Tables that belong to an extension keep their rows.
 *       The result is what {@code pg_dump --schema-only | psql} would make, without needing either
 *       tool: zonky's binaries ship neither. Note that a migration tool's history table (such as
 *       {@code flyway_schema_history}) is emptied too, as with {@code pg_dump --schema-only}.
 *   <li>{@link BranchMode#EMPTY}: {@code CREATE DATABASE branch}.
 * </ul>
 *
 * <p>PostgreSQL copies a database only while no other client is connected to it, and the baseline's
 * services hold connections: {@link TemplateInUse} says what happens then (COPY and SCHEMA alike);
 * the default is {@link TemplateInUse#DISCONNECT}.
 *
 * <p>A branch is marked by a comment on its database ({@link BranchMarker}), so that {@link
 * #list()} finds the branches of a server after a restart, and {@link #drop} never drops a database
 * that is not a branch. A creation that fails leaves nothing behind: a half-made branch is dropped,
 * and the error carries the database's own message.
 */
public final class Branches {
  /** A branch's name: a lowercase letter, then lowercase letters, digits and {@code _}. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** PostgreSQL's longest identifier, in bytes. */
  private static final int MAX_NAME = 63;

  private final AdminLogin admin;
  private final TemplateInUse inUse;

  /** The engine of the server that {@code admin} logs in to, disconnecting a busy source. */
  public Branches(AdminLogin admin) {
    this(admin, TemplateInUse.DISCONNECT);
  }

  /** The engine of the server that {@code admin} logs in to, handling a busy source as told. */
  public Branches(AdminLogin admin, TemplateInUse inUse) {
    this.admin = requireNonNull(admin, "admin");
    this.inUse = requireNonNull(inUse, "inUse");
  }

  /**
   * The branch name for {@code sandbox}'s copy of {@code database}: {@code <database>__<sandbox>}
   * with {@code -} as {@code _}; a name longer than 63 bytes is cut and ends with 8 hex digits of
   * its hash, so that two long names stay different.
   */
  public static String name(String database, String sandbox) {
    requireNonNull(database, "database");
    requireNonNull(sandbox, "sandbox");
    String full = database + "__" + sandbox.replace('-', '_');
    if (full.length() <= MAX_NAME) {
      return full;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
      return full.substring(0, MAX_NAME - 9) + "_" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Creates {@code branchName} from {@code database} as {@code mode} says.
   *
   * @throws IllegalArgumentException when {@code branchName} is not a valid branch name, or is the
   *     source itself
   * @throws PostgresException with the database's own message when the creation fails (the source
   *     does not exist, the branch exists already, the source is busy and {@link
   *     TemplateInUse#FAIL} is in force, ...); nothing is left behind
   */
  public Branch create(String database, String branchName, BranchMode mode) {
    requireNonNull(database, "database");
    requireNonNull(mode, "mode");
    checkName(branchName);
    if (branchName.equals(database)) {
      throw new IllegalArgumentException(
          "branchName: " + branchName + " (expected: another name than its source's)");
    }
    long began = System.nanoTime();
    int disconnected = 0;
    String what = mode.yamlName() + " branch " + branchName + " of " + database;
    try (Connection c = admin.connect()) {
      if (mode == BranchMode.EMPTY) {
        execute(c, "CREATE DATABASE " + Identifiers.quote(branchName));
      } else {
        disconnected = new TemplateCopy(c, inUse).copy(database, branchName);
      }
    } catch (SQLException e) {
      throw new PostgresException("postgres: cannot create the " + what + ": " + e.getMessage(), e);
    }
    try {
      if (mode == BranchMode.SCHEMA) {
        SchemaOnly.emptyTables(admin, branchName);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      BranchMarker marker = new BranchMarker(database, mode, took, disconnected);
      try (Connection c = admin.connect()) {
        execute(
            c,
            "COMMENT ON DATABASE "
                + Identifiers.quote(branchName)
                + " IS "
                + Identifiers.literal(marker.text()));
        return new Branch(branchName, database, mode, size(c, branchName), took, disconnected);
      }
    } catch (SQLException | RuntimeException e) {
      dropQuietly(branchName, e);
      String message = e instanceof SQLException ? e.getMessage() : e.toString();
      throw new PostgresException(
          "postgres: cannot create the "
              + what
              + ": "
              + message
              + " (the half-made branch was dropped)",
          e);
    }
  }

  /**
   * Drops the branch {@code branchName}, ending its sessions ({@code DROP DATABASE ... WITH
   * (FORCE)}).
   *
   * @return whether there was such a branch
   * @throws PostgresException when {@code branchName} is a database that is not a branch (it is
   *     left alone), or the drop fails
   */
  public boolean drop(String branchName) {
    checkName(branchName);
    try (Connection c = admin.connect()) {
      Optional<String> comment = comment(c, branchName);
      if (comment.isEmpty()) {
        return false;
      }
      if (BranchMarker.parse(comment.get()).isEmpty()) {
        throw new PostgresException(
            "postgres: "
                + branchName
                + " is not a branch (it has no prooflane-branch comment), so it is not dropped");
      }
      execute(c, "DROP DATABASE IF EXISTS " + Identifiers.quote(branchName) + " WITH (FORCE)");
      return true;
    } catch (SQLException e) {
      throw new PostgresException(
          "postgres: cannot drop the branch " + branchName + ": " + e.getMessage(), e);
    }
  }

  /** Every branch on the server (marked by its comment), by name, with its size now. */
  public List<Branch> list() {
    String sql =
        "SELECT datname, shobj_description(oid, 'pg_database'), pg_database_size(oid)"
            + " FROM pg_database WHERE shobj_description(oid, 'pg_database') LIKE ?"
            + " ORDER BY datname";
    try (Connection c = admin.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, BranchMarker.PREFIX + "%");
      List<Branch> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          long size = rs.getLong(3);
          BranchMarker.parse(rs.getString(2))
              .ifPresent(
                  m ->
                      out.add(
                          new Branch(
                              name, m.source(), m.mode(), size, m.took(), m.disconnected())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new PostgresException("postgres: cannot list the branches: " + e.getMessage(), e);
    }
  }

  /**
   * The size of the database {@code name} in bytes ({@code pg_database_size}).
   *
   * @throws PostgresException when there is no such database
   */
  public long size(String name) {
    try (Connection c = admin.connect()) {
      return size(c, name);
    } catch (SQLException e) {
      throw new PostgresException("postgres: cannot measure " + name + ": " + e.getMessage(), e);
    }
  }

  private static long size(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_database_size(?::name)")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The database's comment ({@code ""} when it has none), or empty when there is no such database.
   */
  private static Optional<String> comment(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String comment = rs.getString(1);
        return Optional.of(comment == null ? "" : comment);
      }
    }
  }

  private void dropQuietly(String branchName, Exception failure) {
    try (Connection c = admin.connect()) {
      execute(c, "DROP DATABASE IF EXISTS " + Identifiers.quote(branchName) + " WITH (FORCE)");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void checkName(String branchName) {
    requireNonNull(branchName, "branchName");
    if (!NAME.matcher(branchName).matches()) {
      throw new IllegalArgumentException(
          "branchName: "
              + branchName
              + " (expected: a lowercase letter, then up to 62 lowercase letters, digits and '_';"
              + " see Branches.name)");
    }
  }
}
