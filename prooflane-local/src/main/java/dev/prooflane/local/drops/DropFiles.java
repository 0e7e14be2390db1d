package dev.prooflane.local.drops;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.PropagationDrop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The drop record files of a state folder, {@code drops/<destination>/<service>.jsonl} and the file
 * before it, {@code <service>.jsonl.1} (the detector starts a new file at its size limit), read for
 * one routing key. Reading never fails a caller because of a file's content: a line that is not a
 * JSON object is skipped and counted, a last line without its newline (a record being written) is
 * ignored unless it is whole, unknown fields are ignored. A file that cannot be read at all is
 * counted as one malformed line.
 */
public final class DropFiles {
  private final Path folder;

  /** The records under {@code folder} (the state folder's {@code drops/}; it may not exist). */
  public DropFiles(Path folder) {
    this.folder = requireNonNull(folder, "folder");
  }

  /** The records whose inbound request carried {@code key}, oldest first. */
  public DropRecords read(String key) {
    requireNonNull(key, "key");
    List<PropagationDrop> records = new ArrayList<>();
    int malformed = 0;
    for (Path file : files()) {
      String destination = file.getParent().getFileName().toString();
      String name = file.getFileName().toString();
      String service = name.substring(0, name.lastIndexOf(".jsonl"));
      String text;
      try {
        // bytes, decoded leniently: a record being written can end inside a character
        text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException | UncheckedIOException e) {
        malformed++;
        continue;
      }
      boolean torn = !text.isEmpty() && !text.endsWith("\n");
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty()) {
          continue;
        }
        boolean last = torn && i == lines.length - 1;
        DropLine parsed = DropLine.parse(line, service, destination);
        if (parsed instanceof DropLine.Record r) {
          if (key.equals(r.drop().key())) {
            records.add(r.drop());
          }
        } else if (parsed instanceof DropLine.Malformed && !last) {
          malformed++;
        }
      }
    }
    // a file that became <service>.jsonl.1 while it was read is read twice
    records = new ArrayList<>(new LinkedHashSet<>(records));
    records.sort(
        Comparator.comparing(
            PropagationDrop::time, Comparator.nullsLast(Comparator.naturalOrder())));
    return new DropRecords(records, malformed);
  }

  /** Every {@code <destination>/<service>.jsonl} and {@code .jsonl.1}, in a stable order. */
  private List<Path> files() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder, 2)) {
      return walk.filter(p -> p.getNameCount() == folder.getNameCount() + 2)
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".jsonl")
                      || p.getFileName().toString().endsWith(".jsonl.1"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }
}
