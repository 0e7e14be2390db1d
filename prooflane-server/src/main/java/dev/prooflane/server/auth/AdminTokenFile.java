package dev.prooflane.server.auth;

import dev.prooflane.local.StateFolder;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code <stateDir>/admin.token}: the admin token of the daemon, readable by its owner only (mode
 * 600), which local clients (the CLI, {@code prooflane mcp}) use when given no other token.
 */
public final class AdminTokenFile {
  private AdminTokenFile() {}

  /** The admin token stored under {@code stateDir}, or empty when there is none. */
  public static Optional<String> read(Path stateDir) {
    try {
      String text =
          Files.readString(StateFolder.of(stateDir).adminToken(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ProoflaneException(
          "cannot read " + StateFolder.of(stateDir).adminToken() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes sure the file holds a live admin token of {@code store}: on the first start, or when the
   * file was deleted or its token revoked, creates one, writes it and tells {@code progress} once
   * where it is, never the secret itself (output ends up in logs and terminals' scrollback).
   */
  public static void ensure(TokenStore store, Path stateDir, Consumer<String> progress) {
    ensure(store, stateDir, progress, token -> {});
  }

  /**
   * As {@link #ensure(TokenStore, Path, Consumer)}; {@code record} is told about a new token before
   * it is stored, and stops its creation by throwing.
   */
  public static void ensure(
      TokenStore store, Path stateDir, Consumer<String> progress, Consumer<Token> record) {
    Optional<String> current = read(stateDir);
    if (current.isPresent() && store.authenticate(current.get()).isPresent()) {
      return;
    }
    TokenStore.Issued admin =
        store.issue("admin", EnumSet.of(Scope.POLICY_ADMIN), Optional.empty());
    record.accept(admin.token());
    store.store(admin);
    Path file = StateFolder.of(stateDir).adminToken();
    write(file, admin.secret());
    progress.accept(
        "prooflane: created the admin token (policy:admin); it is stored in "
            + file
            + " (mode 600), which local commands use by themselves; show it with: cat "
            + file);
  }

  private static void write(Path file, String secret) {
    try {
      Files.deleteIfExists(file);
      try {
        // the mode is set as the file is created, so it is never readable by others
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not POSIX (Windows): the folder's ACL applies
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new ProoflaneException(
          file + " was created by someone else while the daemon wrote it; stop and retry", e);
    } catch (IOException e) {
      throw new ProoflaneException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
