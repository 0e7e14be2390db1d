package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();

  @TempDir Path dir;

  private static void write(Path file, String text, int second) throws Exception {
    Files.writeString(file, text);
    // file systems keep mtimes to a second or coarser: set it, as a later edit would
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }

  @Test
  void withoutAFileUsesTheDefault() {
    PolicyFile p = PolicyFile.load(Optional.empty(), ACTIONS);
    assertThat(p.current().policy()).isSameAs(Policy.DEFAULT);
  }

  @Test
  void aBrokenFileAtStartIsALocatedError() throws Exception {
    Path file = dir.resolve("policy.yaml");
    write(file, "limits:\n  stepsPerRun: many\n", 0);
    assertThatThrownBy(() -> PolicyFile.load(Optional.of(file), ACTIONS))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("policy.yaml:2:16: limits.stepsPerRun: 'many' is not a whole number");
  }

  @Test
  void reloadsWhenTheFileChangesAndKeepsTheLastGoodPolicyAfterABrokenEdit() throws Exception {
    Path file = dir.resolve("policy.yaml");
    write(file, "limits: {stepsPerRun: 5}\n", 0);
    PolicyFile p = PolicyFile.load(Optional.of(file), ACTIONS);
    PolicyFile.Loaded first = p.current();
    assertThat(first.changed()).isFalse();
    assertThat(first.policy().limits().stepsPerRun()).isEqualTo(5);

    write(file, "limits: {stepsPerRun: 7}\n", 10);
    PolicyFile.Loaded second = p.current();
    assertThat(second.changed()).isTrue();
    assertThat(second.problem()).isEmpty();
    assertThat(second.policy().limits().stepsPerRun()).isEqualTo(7);
    assertThat(p.current().changed()).isFalse();

    write(file, "limits: {stepsPerRun: -1}\n", 20);
    PolicyFile.Loaded broken = p.current();
    assertThat(broken.changed()).isTrue();
    assertThat(broken.policy().limits().stepsPerRun()).isEqualTo(7);
    assertThat(broken.problem().orElseThrow())
        .contains("was not reloaded, the last good policy stays in force")
        .contains("policy.yaml:1:")
        .contains("limits.stepsPerRun: -1 is out of range");
    // still reported on later calls until it is fixed
    assertThat(p.current().problem()).isPresent();

    write(file, "limits: {stepsPerRun: 9}\n", 30);
    PolicyFile.Loaded fixed = p.current();
    assertThat(fixed.problem()).isEmpty();
    assertThat(fixed.policy().limits().stepsPerRun()).isEqualTo(9);
  }
}
