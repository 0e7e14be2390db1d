package dev.prooflane.local.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The health check of a PostgreSQL server: the admin login answers {@code SELECT 1} and may create
 * databases.
 */
final class ServerCheck {
  /** How often an unanswered check is tried again. */
  private static final Duration RETRY = Duration.ofMillis(200);

  private ServerCheck() {}

  /**
   * Returns once the server answers as {@code admin}, trying again until {@code timeout} has
   * passed.
   *
   * @param field the field of prooflane.yaml that names the server, for messages
   * @throws PostgresException when it does not answer in time (with its last error), or when the
   *     user may not create databases
   */
  static void awaitUp(AdminLogin admin, Duration timeout, String field) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last;
    while (true) {
      try (Connection c = admin.connect()) {
        String one = PostgresServer.query(c, "SELECT 1");
        if (!"1".equals(one)) {
          throw new PostgresException(field + ": SELECT 1 returned " + one + " (expected: 1)");
        }
        String mayCreate =
            PostgresServer.query(
                c, "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user");
        if (!"t".equals(mayCreate)) {
          throw new PostgresException(
              field
                  + ": the user "
                  + admin.user()
                  + " may not create databases (run ALTER ROLE "
                  + admin.user()
                  + " CREATEDB as a superuser, or name another user)");
        }
        return;
      } catch (SQLException e) {
        last = e;
        if ("28P01".equals(e.getSQLState()) || "3D000".equals(e.getSQLState())) {
          break; // a wrong password or database does not heal by waiting
        }
      }
      if (System.nanoTime() > deadline) {
        break;
      }
      try {
        Thread.sleep(RETRY.toMillis()); // polling a server that is coming up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostgresException("postgres: interrupted while waiting for the server", e);
      }
    }
    throw new PostgresException(
        field
            + ": no answer from "
            + admin.jdbcUrl()
            + " as "
            + admin.user()
            + " within "
            + PostgresServer.seconds(timeout)
            + ": "
            + last.getMessage()
            + " (start the server, or fix the URL, user or password)",
        last);
  }
}
