package dev.prooflane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.local.store.StateWriteException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How failures the daemon answers itself map to statuses and error codes. */
class ApiErrorsTest {
  @Test
  void aFullDiskIs507AndAnotherWriteFailure503() {
    StateWriteException full =
        StateWriteException.of(
            Path.of("/srv/pl/audit.jsonl"),
            "append to the audit log",
            new IOException("No space left on device"));
    StateWriteException readOnly =
        StateWriteException.of(
            Path.of("/srv/pl/state.db"),
            "delete sandbox 'a' in the state database",
            new java.nio.file.FileSystemException(
                "/srv/pl/state.db", null, "Read-only file system"));

    assertThat(ApiErrors.statusOf(full)).isEqualTo(507);
    assertThat(ApiErrors.errorOf(full).error()).isEqualTo("insufficient_storage");
    assertThat(ApiErrors.errorOf(full).message())
        .isEqualTo(
            "cannot append to the audit log /srv/pl/audit.jsonl: No space left on device; free"
                + " space on the disk of the state folder /srv/pl, then retry");
    assertThat(ApiErrors.statusOf(readOnly)).isEqualTo(503);
    assertThat(ApiErrors.errorOf(readOnly).error()).isEqualTo("state_unavailable");
    assertThat(ApiErrors.errorOf(readOnly).message())
        .isEqualTo(
            "cannot delete sandbox 'a' in the state database /srv/pl/state.db: Read-only file"
                + " system; check that the state folder /srv/pl is writable, then retry");
  }

  @Test
  void forkRuleRefusalsAre403() {
    for (String rule :
        new String[] {
          "forks.exec", "forks.commands", "forks.artifacts", "forks.env", "forks.args"
        }) {
      assertThat(ApiErrors.statusOf(new PolicyRefusedException(rule, "no"))).isEqualTo(403);
    }
    assertThat(ApiErrors.statusOf(new PolicyRefusedException("sandboxes.maxTtl", "no")))
        .isEqualTo(400);
  }
}
