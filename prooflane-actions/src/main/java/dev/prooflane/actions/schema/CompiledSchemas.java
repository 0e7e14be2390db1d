package dev.prooflane.actions.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled schemas, cached per document location and dialect, and valid while every file they were
 * compiled from keeps its modification time. Bounded; the least recently used entry goes first.
 */
final class CompiledSchemas {
  private record Key(String location, String dialect, Path root) {}

  private record Entry(Schema schema, Map<Path, FileTime> files) {
    boolean fresh() {
      for (Map.Entry<Path, FileTime> f : files.entrySet()) {
        try {
          if (!Files.getLastModifiedTime(f.getKey()).equals(f.getValue())) {
            return false;
          }
        } catch (IOException e) {
          return false;
        }
      }
      return true;
    }
  }

  private final int capacity;
  private final Map<Key, Entry> entries;

  CompiledSchemas(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * The schema at {@code location} (a {@code file:} IRI, optionally with a JSON pointer fragment)
   * compiled with {@code dialect} as the default, with every {@code $ref} resolved now, through a
   * loader confined to {@code root}.
   *
   * @throws ConfinedResourceLoader.RefusedReference (possibly wrapped) for a refused reference
   */
  Schema get(String location, Dialect dialect, Path root) {
    Key key = new Key(location, dialect.getId(), root);
    synchronized (entries) {
      Entry cached = entries.get(key);
      if (cached != null && cached.fresh()) {
        return cached.schema();
      }
    }
    ConfinedResourceLoader loader = new ConfinedResourceLoader(root);
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(dialect, b -> b.resourceLoaders(l -> l.add(loader)));
    Schema schema = registry.getSchema(SchemaLocation.of(location));
    schema.initializeValidators();
    Entry entry = new Entry(schema, loader.filesRead());
    synchronized (entries) {
      entries.put(key, entry);
      while (entries.size() > capacity) {
        Key eldest = entries.keySet().iterator().next();
        entries.remove(eldest);
      }
    }
    return schema;
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
