package dev.prooflane.actions.skill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The skills of skill folders, read and checked again only when what they are read from changed:
 * the folders, which skill files they hold, or any byte of those files. A daemon asks for its
 * skills at every {@code skill list}, {@code skill describe} and run; reading and checking every
 * file each time cost each of those requests tens of milliseconds. Comparing the files' bytes
 * (their SHA-256 with the folders and the action names) is what a changed file cannot escape,
 * whatever its size and modification time say.
 */
public final class SkillLibrary {
  private final AtomicReference<Loaded> last = new AtomicReference<>();

  /** The catalog that {@link SkillCatalog#load(Path, List, Set)} reads from these folders now. */
  public SkillCatalog catalog(Path base, List<Path> dirs, Set<String> actions) {
    Optional<String> source = source(base, dirs, actions);
    Loaded loaded = last.get();
    if (loaded != null && source.isPresent() && loaded.source().equals(source.get())) {
      return loaded.catalog();
    }
    SkillCatalog catalog = SkillCatalog.load(base, dirs, actions);
    source.ifPresent(s -> last.set(new Loaded(s, catalog)));
    return catalog;
  }

  /** A catalog and the digest of what it was read from. */
  private record Loaded(String source, SkillCatalog catalog) {}

  /**
   * The SHA-256 of everything a load reads; empty when a folder cannot be listed or a file read
   * (then the load reports it, and nothing is kept).
   */
  private static Optional<String> source(Path base, List<Path> dirs, Set<String> actions) {
    MessageDigest digest = sha256();
    update(digest, base.toAbsolutePath().toString());
    update(digest, String.join(",", new TreeSet<>(actions)));
    try {
      for (Path dir : dirs) {
        update(digest, dir.toAbsolutePath().toString());
        if (!Files.isDirectory(dir)) {
          update(digest, "not a folder");
          continue;
        }
        for (Path file : SkillCatalog.skillFiles(dir)) {
          byte[] bytes = Files.readAllBytes(file);
          update(digest, file.getFileName() + ":" + bytes.length);
          digest.update(bytes);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  /** Adds {@code text} and a separator no path or name holds. */
  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
