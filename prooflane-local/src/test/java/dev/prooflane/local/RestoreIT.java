package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox the next start cannot bring back: kept as FAILED, and deletable like any other. */
class RestoreIT {
  @TempDir Path dir;

  private LocalRuntime start() throws Exception {
    return LocalRuntime.start(
        TestEnvironment.chain(dir),
        new LocalOptions(
            StateFolder.of(dir.resolve("state")),
            Clock.systemUTC(),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1)),
        line -> {});
  }

  @Test
  void aSandboxThatCannotBeRestoredIsKeptFailedAndCanBeDeleted() throws Exception {
    Path gate = Files.writeString(dir.resolve("gate"), "");
    Fork gated =
        new Fork(
            "b",
            Optional.of(
                List.of(
                    "sh", "-c", "test -f '" + gate + "' && exec " + TestEnvironment.echoCommand())),
            List.of(),
            Map.of(),
            List.of(),
            Optional.empty());
    try (LocalRuntime first = start()) {
      Sandbox sandbox =
          first.createSandbox(
              new SandboxSpec(
                  "gated", Optional.empty(), Optional.empty(), Map.of(), List.of(gated)),
              line -> {});
      assertThat(sandbox.phase()).isEqualTo(SandboxPhase.READY);
    }
    Files.delete(gate);

    try (LocalRuntime second = start()) {
      assertThat(second.sandbox("gated").phase()).isEqualTo(SandboxPhase.FAILED);

      second.deleteSandbox("gated");

      assertThat(second.sandboxes()).isEmpty();
    }
    try (StateStore store = new StateStore(StateFolder.of(dir.resolve("state")).stateDb())) {
      assertThat(store.sandboxes()).isEmpty();
    }
  }
}
