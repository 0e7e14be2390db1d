package dev.prooflane.actions.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two texts line by line with a longest-common-subsequence alignment, so one inserted line
 * is one difference, not a shifted tail. Lines are compared after noise; the differences show the
 * original lines. Paths are {@code line N}: the sandbox's line number, or the baseline's for a
 * removed line.
 */
final class TextDiff {
  /** Above this many cells the alignment falls back to comparing by line number. */
  private static final long MAX_CELLS = 1_000_000;

  private TextDiff() {}

  static List<Difference> compare(String sandbox, String baseline, Noise noise) {
    List<String> s = lines(sandbox);
    List<String> b = lines(baseline);
    List<String> sn = s.stream().map(noise::line).toList();
    List<String> bn = b.stream().map(noise::line).toList();
    int start = 0;
    while (start < sn.size() && start < bn.size() && sn.get(start).equals(bn.get(start))) {
      start++;
    }
    int sEnd = sn.size();
    int bEnd = bn.size();
    while (sEnd > start && bEnd > start && sn.get(sEnd - 1).equals(bn.get(bEnd - 1))) {
      sEnd--;
      bEnd--;
    }
    List<Difference> out = new ArrayList<>();
    List<Integer> added = new ArrayList<>();
    List<Integer> removed = new ArrayList<>();
    int n = sEnd - start;
    int m = bEnd - start;
    if ((long) n * m > MAX_CELLS) {
      for (int k = 0; k < Math.max(n, m); k++) {
        int si = start + k;
        if (k >= m) {
          out.add(new Difference("line " + (si + 1), null, "added", s.get(si), null));
        } else if (k >= n) {
          out.add(new Difference("line " + (si + 1), null, "removed", null, b.get(si)));
        } else if (!sn.get(si).equals(bn.get(si))) {
          out.add(new Difference("line " + (si + 1), null, "changed", s.get(si), b.get(si)));
        }
      }
      return out;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            sn.get(start + i).equals(bn.get(start + j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && sn.get(start + i).equals(bn.get(start + j))) {
        flush(added, removed, s, b, out);
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        added.add(start + i++);
      } else {
        removed.add(start + j++);
      }
    }
    flush(added, removed, s, b, out);
    return out;
  }

  /** Pairs the pending removed and added lines as changes; the rest stay added or removed. */
  private static void flush(
      List<Integer> added,
      List<Integer> removed,
      List<String> s,
      List<String> b,
      List<Difference> out) {
    int pairs = Math.min(added.size(), removed.size());
    for (int k = 0; k < pairs; k++) {
      int si = added.get(k);
      int bi = removed.get(k);
      out.add(new Difference("line " + (si + 1), null, "changed", s.get(si), b.get(bi)));
    }
    for (int k = pairs; k < added.size(); k++) {
      int si = added.get(k);
      out.add(new Difference("line " + (si + 1), null, "added", s.get(si), null));
    }
    for (int k = pairs; k < removed.size(); k++) {
      int bi = removed.get(k);
      out.add(new Difference("line " + (bi + 1), null, "removed", null, b.get(bi)));
    }
    added.clear();
    removed.clear();
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
