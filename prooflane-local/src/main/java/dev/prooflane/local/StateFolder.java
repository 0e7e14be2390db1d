package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The layout of a daemon's state folder ({@code --state-dir}, {@code $PROOFLANE_HOME} or {@code
 * ./.prooflane}): the one place that names each file and folder in it. Nothing here touches the
 * disk.
 *
 * @param root the folder itself
 */
public record StateFolder(Path root) {
  public StateFolder {
    requireNonNull(root, "root");
  }

  /** The state folder at {@code root}. */
  public static StateFolder of(Path root) {
    return new StateFolder(root);
  }

  /** {@code state.db}: the SQLite store of sandbox records and of every process started. */
  public Path stateDb() {
    return root.resolve("state.db");
  }

  /** {@code logs/}: one folder per baseline or sandbox, one file per service. */
  public Path logs() {
    return root.resolve("logs");
  }

  /** {@code daemon.json}: the running daemon's pid and API URL, by which clients find it. */
  public Path daemonInfo() {
    return root.resolve("daemon.json");
  }

  /** {@code daemon.log}: the output of a daemon started in the background. */
  public Path daemonLog() {
    return root.resolve("daemon.log");
  }

  /** {@code tokens.db}: the API tokens, each secret stored as its SHA-256 only. */
  public Path tokens() {
    return root.resolve("tokens.db");
  }

  /** {@code admin.token}: the admin token (mode 600) local clients send by default. */
  public Path adminToken() {
    return root.resolve("admin.token");
  }

  /** {@code audit.jsonl}: the hash-chained audit log. */
  public Path audit() {
    return root.resolve("audit.jsonl");
  }

  /** {@code audit.head}: the last seq and hash of the audit log, so a cut end is detected. */
  public Path auditHead() {
    return root.resolve("audit.head");
  }

  /** {@code runs/}: one folder per skill run with its signed reports. */
  public Path runs() {
    return root.resolve("runs");
  }

  /** {@code keys/}: the key pair that signs the reports. */
  public Path keys() {
    return root.resolve("keys");
  }

  /** {@code validate/}: one folder per validation the CLI ran, with its reports and summary. */
  public Path validations() {
    return root.resolve("validate");
  }
}
