package dev.prooflane.bench.databases;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.postgres.AdminLogin;
import dev.prooflane.local.postgres.Branch;
import dev.prooflane.local.postgres.Branches;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one case once: a CHECKPOINT first (untimed, so that no case pays for the previous one's
 * dirty buffers), then the case timed from its start to its answer, then what it made checked
 * against {@link Case#expected} and dropped (both untimed).
 *
 * @param admin the login of the server's superuser, in its maintenance database
 * @param peer the pg_dump | psql pipeline
 * @param source what the source database holds
 */
record CaseRun(AdminLogin admin, DumpRestore peer, Contents source) {
  CaseRun {
    requireNonNull(admin, "admin");
    requireNonNull(peer, "peer");
    requireNonNull(source, "source");
  }

  /**
   * One timed run.
   *
   * @param ms from the call (branch) or CREATE DATABASE of the empty target (peer) to the answer
   * @param disconnected the source's sessions the branch engine ended to copy it (0 for peers)
   */
  record Timed(double ms, int disconnected) {}

  /**
   * Runs {@code c} once.
   *
   * @throws IllegalStateException when the database it made does not hold what it should
   */
  Timed run(Case c) throws SQLException, IOException, InterruptedException {
    execute("CHECKPOINT");
    Branches branches = new Branches(admin);
    String target = c.target();
    int disconnected = 0;
    long began = System.nanoTime();
    if (c.mode().isPresent()) {
      Branch branch = branches.create(SourceDatabase.NAME, target, c.mode().get());
      disconnected = branch.disconnected();
    } else {
      execute("CREATE DATABASE " + target);
      peer.copy(SourceDatabase.NAME, target, c != Case.DUMP);
    }
    double ms = (System.nanoTime() - began) / 1e6;
    try {
      Contents made = Contents.of(admin, target);
      if (!made.equals(c.expected(source))) {
        throw new IllegalStateException(
            c.label() + " made " + made + " (expected: " + c.expected(source) + ")");
      }
    } finally {
      if (c.mode().isPresent()) {
        branches.drop(target);
      } else {
        execute("DROP DATABASE " + target + " WITH (FORCE)");
      }
    }
    return new Timed(ms, disconnected);
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
