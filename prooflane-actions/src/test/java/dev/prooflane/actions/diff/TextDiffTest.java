package dev.prooflane.actions.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextDiffTest {
  private static final Noise NONE = new Noise(List.of());

  @Test
  void anInsertedLineIsOneDifferenceNotAShiftedTail() {
    List<Difference> d = TextDiff.compare("a\nNEW\nb\nc\n", "a\nb\nc\n", NONE);
    assertThat(d).containsExactly(new Difference("line 2", null, "added", "NEW", null));
  }

  @Test
  void pairsReplacedLinesAsChangesAndReportsRemovals() {
    List<Difference> d = TextDiff.compare("a\nX\nc", "a\nb\nc\nd", NONE);
    assertThat(d)
        .containsExactly(
            new Difference("line 2", null, "changed", "X", "b"),
            new Difference("line 4", null, "removed", null, "d"));
  }

  @Test
  void comparesAfterNoiseButReportsOriginalLines() {
    Noise noise = new Noise(List.of(Pattern.compile("\\d{2}:\\d{2}")));
    assertThat(TextDiff.compare("at 10:01 ok", "at 09:59 ok", noise)).isEmpty();
    assertThat(TextDiff.compare("at 10:01 fail", "at 09:59 ok", noise))
        .containsExactly(new Difference("line 1", null, "changed", "at 10:01 fail", "at 09:59 ok"));
  }
}
