package dev.prooflane.actions.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only way the validator may read a document: {@code file:} IRIs whose real path is inside the
 * skill folder. Everything else — {@code http:}, {@code https:}, {@code classpath:}, files outside
 * — is refused, never fetched. Remembers what it read and when it was modified, so a cached schema
 * is recompiled when any file behind it changes.
 */
final class ConfinedResourceLoader implements ResourceLoader {
  private final Path root;
  private final Map<Path, FileTime> read = new ConcurrentHashMap<>();

  ConfinedResourceLoader(Path root) {
    this.root = root;
  }

  @Override
  public InputStreamSource getResource(AbsoluteIri iri) {
    String text = iri.toString();
    if (!"file".equalsIgnoreCase(iri.getScheme())) {
      throw new RefusedReference(
          text,
          "remote references are never fetched; copy the schema into the skill folder and"
              + " $ref it by a relative path");
    }
    Path real;
    try {
      real = Path.of(URI.create(text)).toRealPath();
    } catch (IllegalArgumentException | IOException e) {
      throw new RefusedReference(text, "no such file in the skill folder " + root);
    }
    if (!real.startsWith(root)) {
      throw new RefusedReference(text, "it is outside the skill folder " + root);
    }
    try {
      read.put(real, Files.getLastModifiedTime(real));
    } catch (IOException e) {
      throw new RefusedReference(text, "cannot be read: " + e.getMessage());
    }
    return () -> Files.newInputStream(real);
  }

  /** The files read so far, with their modification times when read. */
  Map<Path, FileTime> filesRead() {
    return Map.copyOf(read);
  }

  /** A {@code $ref} the loader refused; found in the validator's cause chain and reported. */
  static final class RefusedReference extends ProoflaneException {
    private static final long serialVersionUID = 1L;

    RefusedReference(String iri, String why) {
      super("$ref '" + iri + "' refused: " + why);
    }
  }
}
