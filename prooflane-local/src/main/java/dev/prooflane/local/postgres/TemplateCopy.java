package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code CREATE DATABASE branch TEMPLATE source STRATEGY FILE_COPY}, with the source's other
 * sessions handled as {@link TemplateInUse} says (PostgreSQL refuses to copy a database that has
 * any: SQLSTATE 55006, "source database ... is being accessed by other users", after waiting 5 s
 * for them to leave).
 */
final class TemplateCopy {
  /**
   * One disconnecting copy at a time in this JVM: two at once could each read the other's "no
   * connections" as the source's own setting and leave it refusing connections.
   */
  private static final ReentrantLock DISCONNECTING = new ReentrantLock();

  /** SQLSTATE object_in_use: the template has other sessions. */
  static final String IN_USE = "55006";

  private final Connection c;
  private final TemplateInUse inUse;

  TemplateCopy(Connection c, TemplateInUse inUse) {
    this.c = requireNonNull(c, "c");
    this.inUse = requireNonNull(inUse, "inUse");
  }

  /**
   * Copies {@code source} to {@code branch}.
   *
   * @return how many of the source's sessions were ended for it
   */
  int copy(String source, String branch) throws SQLException {
    String create =
        "CREATE DATABASE "
            + Identifiers.quote(branch)
            + " TEMPLATE "
            + Identifiers.quote(source)
            + " STRATEGY FILE_COPY";
    List<String> others = sessions(source);
    if (others.isEmpty()) {
      try {
        Branches.execute(c, create);
        return 0;
      } catch (SQLException e) {
        if (!IN_USE.equals(e.getSQLState())) {
          throw e;
        }
        others = sessions(source); // someone connected meanwhile
      }
    }
    if (inUse == TemplateInUse.FAIL) {
      throw new SQLException(
          "source database \""
              + source
              + "\" is being accessed by "
              + others.size()
              + " other session(s) ("
              + String.join(", ", others)
              + "): PostgreSQL copies a database only while nobody else is connected to it (stop"
              + " the services that use it, branch it as empty, or let Prooflane end those sessions"
              + " for the copy: TemplateInUse.DISCONNECT)",
          IN_USE);
    }
    return copyDisconnecting(source, create);
  }

  /**
   * Blocks new connections to {@code source}, ends its other sessions, runs {@code create} and
   * allows connections again (as they were before), whatever happens.
   */
  private int copyDisconnecting(String source, String create) throws SQLException {
    String quoted = Identifiers.quote(source);
    DISCONNECTING.lock();
    try {
      boolean allowed = allowsConnections(source);
      Branches.execute(c, "ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS false");
      try {
        int ended = terminate(source);
        Branches.execute(c, create); // waits up to 5 s for the ended sessions to exit
        return ended;
      } finally {
        Branches.execute(c, "ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS " + allowed);
      }
    } finally {
      DISCONNECTING.unlock();
    }
  }

  private boolean allowsConnections(String source) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
      s.setString(1, source);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("template database \"" + source + "\" does not exist", "3D000");
        }
        return rs.getBoolean(1);
      }
    }
  }

  private int terminate(String source) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, source);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The source's other sessions, each as its application name (or "unnamed") and pid. */
  private List<String> sessions(String source) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT coalesce(nullif(application_name, ''), 'unnamed') || ' pid ' || pid"
                + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"
                + " ORDER BY pid")) {
      s.setString(1, source);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
