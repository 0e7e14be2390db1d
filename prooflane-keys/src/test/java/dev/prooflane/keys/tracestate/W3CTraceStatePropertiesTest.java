package dev.prooflane.keys.tracestate;

import static dev.prooflane.keys.HostileText.bounded;
import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.keys.HostileText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class W3CTraceStatePropertiesTest {
  private static final String KEY = "prooflane-key";

  @Test
  void keepsOnlyMembersTheGrammarAllows() {
    tries(1500)
        .check(
            HostileText.lines(),
            lines -> {
              Map<String, String> members = bounded(() -> W3CTraceState.parse(lines));

              assertThat(members)
                  .allSatisfy(
                      (key, value) -> {
                        assertThat(key)
                            .hasSizeBetween(1, 256)
                            .matches("[a-z0-9][a-z0-9_*\\-/]*(@[a-z0-9_*\\-/]+)?");
                        assertThat(value).hasSizeBetween(1, 256).doesNotContain(",", "=");
                        assertThat(value.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
                        assertThat(value).doesNotEndWith(" ");
                      });
            });
  }

  @Test
  void findsTheKeyTheFullParseFinds() {
    tries(1500)
        .check(
            HostileText.lines(),
            lines -> {
              List<String> values = bounded(() -> W3CTraceState.valuesOf(lines, KEY));
              boolean malformed = bounded(() -> W3CTraceState.hasMalformed(lines, KEY));

              String first = W3CTraceState.parse(lines).get(KEY);
              if (first == null) {
                assertThat(values).isEmpty();
              } else {
                assertThat(values).first().isEqualTo(first);
              }
              if (malformed) {
                assertThat(String.join(",", lines)).contains(KEY);
              }
            });
  }

  @Test
  void readsAHeaderAtTheSizeLimitInLinearTime() {
    tries(30)
        .check(
            HostileText.huge(),
            header -> {
              List<String> lines = List.of(header);

              assertThat(HostileText.timesOnePass(lines, () -> W3CTraceState.valuesOf(lines, KEY)))
                  .isLessThan(HostileText.LINEAR_FACTOR);
              assertThat(
                      HostileText.timesOnePass(lines, () -> W3CTraceState.hasMalformed(lines, KEY)))
                  .isLessThan(HostileText.LINEAR_FACTOR);
              assertThat(HostileText.timesOnePass(lines, () -> W3CTraceState.parse(lines)))
                  .isLessThan(HostileText.LINEAR_FACTOR);
            });
  }
}
