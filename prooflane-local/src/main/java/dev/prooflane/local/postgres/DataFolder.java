package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The files of the PostgreSQL server the daemon starts, under the state folder's {@code postgres/}:
 * {@code data/} (PGDATA, initialised once), {@code password} (the {@code postgres} user's, chosen
 * at the first start) and {@code server.log} (the server's output).
 *
 * @param root the {@code postgres/} folder
 */
record DataFolder(Path root) {
  /** The major version of the PostgreSQL binaries this build ships. */
  static final String MAJOR = "17";

  DataFolder {
    requireNonNull(root, "root");
  }

  Path data() {
    return root.resolve("data");
  }

  Path password() {
    return root.resolve("password");
  }

  Path log() {
    return root.resolve("server.log");
  }

  /** Whether {@code data/} has been initialised (zonky runs initdb when this is false). */
  boolean initialised() {
    return Files.isRegularFile(data().resolve("postgresql.conf"));
  }

  /**
   * The major version {@code data/} was initialised with, when it was.
   *
   * @throws PostgresException when it cannot be read
   */
  Optional<String> version() {
    Path file = data().resolve("PG_VERSION");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new PostgresException("postgres: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The process id in {@code data/postmaster.pid}: a server runs, or ran and was killed. */
  Optional<Long> postmasterPid() {
    Path file = data().resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The {@code postgres} user's password: read from {@code password}, or chosen and written (owner
   * only) before the first start.
   *
   * @throws PostgresException when the data folder exists without it (its password is unknown)
   */
  String passwordForStart() {
    try {
      if (Files.isRegularFile(password())) {
        return Files.readString(password(), StandardCharsets.UTF_8).trim();
      }
      if (initialised()) {
        throw new PostgresException(
            "postgres: "
                + data()
                + " exists but "
                + password()
                + " does not, so the server's password is unknown (restore the file, or delete "
                + root
                + " to start with an empty server)");
      }
      Files.createDirectories(root);
      byte[] bytes = new byte[18];
      new SecureRandom().nextBytes(bytes);
      String secret = HexFormat.of().formatHex(bytes);
      Files.writeString(password(), secret + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(password(), PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the state folder's own permissions protect it.
      }
      return secret;
    } catch (IOException e) {
      throw new PostgresException(
          "postgres: cannot read or write " + password() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lines {@code server.log} gained after it was {@code from} bytes long (at most the last 15).
   */
  String logSince(long from) {
    try {
      if (!Files.isRegularFile(log())) {
        return "";
      }
      byte[] all = Files.readAllBytes(log());
      String text =
          new String(
              all,
              (int) Math.min(from, all.length),
              (int) Math.max(0, all.length - from),
              StandardCharsets.UTF_8);
      List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
      List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
      return tail.isEmpty() ? "" : "\n    " + String.join("\n    ", tail);
    } catch (IOException e) {
      return "";
    }
  }

  /** The size of {@code server.log} now (0 when missing). */
  long logSize() {
    try {
      return Files.isRegularFile(log()) ? Files.size(log()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
