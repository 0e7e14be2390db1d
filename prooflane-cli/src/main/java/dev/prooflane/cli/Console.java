package dev.prooflane.cli;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables for people; {@code --json} output bypasses it. */
final class Console {
  private Console() {}

  /** Formats rows as left-aligned columns separated by two spaces; the first row is the header. */
  static String table(List<List<String>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        cells.add(i == columns - 1 ? row.get(i) : String.format("%-" + width[i] + "s", row.get(i)));
      }
      out.append(String.join("  ", cells).stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
