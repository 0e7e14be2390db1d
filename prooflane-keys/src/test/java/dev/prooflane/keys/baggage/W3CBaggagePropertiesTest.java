package dev.prooflane.keys.baggage;

import static dev.prooflane.keys.HostileText.bounded;
import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.keys.HostileText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class W3CBaggagePropertiesTest {
  private static final String KEY = "prooflane-key";

  @Test
  void parsesAnyHeaderIntoWellFormedMembersWithoutFailing() {
    tries(1500)
        .check(
            HostileText.lines(),
            lines -> {
              List<BaggageMember> members = bounded(() -> W3CBaggage.members(lines));
              Map<String, String> map = bounded(() -> W3CBaggage.parse(lines));

              assertThat(members)
                  .allSatisfy(
                      member -> {
                        assertThat(member.key()).isNotEmpty();
                        assertThat(Tokens.isToken(member.key(), 0, member.key().length())).isTrue();
                      });
              assertThat(map.keySet())
                  .containsExactlyElementsOf(
                      members.stream().map(BaggageMember::key).distinct().toList());
            });
  }

  @Test
  void looksUpExactlyTheValuesTheFullParseFinds() {
    tries(1500)
        .check(
            HostileText.lines(),
            lines -> {
              BaggageLookup lookup = bounded(() -> W3CBaggage.lookup(lines, KEY));

              assertThat(lookup.values())
                  .containsExactlyElementsOf(
                      W3CBaggage.members(lines).stream()
                          .filter(member -> member.key().equals(KEY))
                          .map(BaggageMember::value)
                          .toList());
              assertThat(lookup.problems())
                  .allSatisfy(problem -> assertThat(problem).contains(KEY));
            });
  }

  @Test
  void parsesAHeaderAtTheSizeLimitInLinearTime() {
    tries(30)
        .check(
            HostileText.huge(),
            header -> {
              List<String> lines = List.of(header);

              assertThat(HostileText.timesOnePass(lines, () -> W3CBaggage.lookup(lines, KEY)))
                  .isLessThan(HostileText.LINEAR_FACTOR);
              assertThat(HostileText.timesOnePass(lines, () -> W3CBaggage.members(lines)))
                  .isLessThan(HostileText.LINEAR_FACTOR);
            });
  }
}
