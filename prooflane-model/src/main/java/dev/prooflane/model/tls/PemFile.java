package dev.prooflane.model.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM file of the router's TLS identity: its text, read with limits, and its blocks ({@code
 * -----BEGIN LABEL-----} ... {@code -----END LABEL-----}).
 */
final class PemFile {
  /** Far above any certificate chain or key; more is not a PEM file for the router. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** A block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and its body's bytes. */
  record Block(String label, String body) {
    /** The body, Base64-decoded, or null when it is not Base64 (or has PEM headers). */
    byte[] bytes() {
      try {
        return Base64.getMimeDecoder().decode(body.strip());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  private final String field;
  private final Path path;
  private final String text;

  private PemFile(String field, Path path, String text) {
    this.field = field;
    this.path = path;
    this.text = text;
  }

  /**
   * Reads the file named by {@code router.tls.<field>}.
   *
   * @throws TlsFileException when it is missing, a folder, unreadable or too large
   */
  static PemFile read(String field, Path path) {
    try {
      if (Files.isDirectory(path)) {
        throw new TlsFileException(
            field, "'" + path + "' is a folder (expected: a PEM file; fix the path)");
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new TlsFileException(
            field, "'" + path + "' is " + size + " bytes (expected: a PEM file of at most 1 MiB)");
      }
      return new PemFile(field, path, Files.readString(path, StandardCharsets.ISO_8859_1));
    } catch (NoSuchFileException e) {
      throw new TlsFileException(
          field,
          "'"
              + path
              + "' not found (expected: a PEM file; the path is relative to the environment"
              + " file's folder; see docs/environment.md#tls)");
    } catch (AccessDeniedException e) {
      throw new TlsFileException(
          field,
          "'"
              + path
              + "' cannot be read: permission denied (expected: a file the daemon's user can"
              + " read; chmod it or run as its owner)");
    } catch (IOException e) {
      throw new TlsFileException(field, "'" + path + "' cannot be read: " + e.getMessage());
    }
  }

  /** The field of {@code router.tls} that names the file. */
  String field() {
    return field;
  }

  Path path() {
    return path;
  }

  /** Every PEM block, in file order. */
  List<Block> blocks() {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    return blocks;
  }

  /** A problem with this file: {@code '<path>' <what>}. */
  TlsFileException problem(String what) {
    return new TlsFileException(field, "'" + path + "' " + what);
  }
}
