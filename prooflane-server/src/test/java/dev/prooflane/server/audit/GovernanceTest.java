package dev.prooflane.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyFile;
import dev.prooflane.local.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GovernanceTest {
  @TempDir Path dir;

  private static void write(Path file, String text, int second) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
  }

  @Test
  void reportsABrokenEditToTheRunAndTheAuditLogAndKeepsTheLastGoodPolicy() throws Exception {
    Path policyFile = dir.resolve("policy.yaml");
    write(policyFile, "limits: {stepsPerRun: 5}\nredact: {headers: [X-Session]}\n", 0);
    try (Governance g =
        new Governance(
            PolicyFile.load(Optional.of(policyFile), ActionCatalog.builtIn().names()),
            StateFolder.of(dir))) {
      List<String> progress = new ArrayList<>();
      assertThat(g.policy(progress::add).limits().stepsPerRun()).isEqualTo(5);
      assertThat(progress).isEmpty();

      write(policyFile, "limits: {stepsPerRun: nope}\n", 10);
      Policy kept = g.policy(progress::add);
      assertThat(kept.limits().stepsPerRun()).isEqualTo(5);
      assertThat(progress)
          .singleElement()
          .asString()
          .startsWith("warning: policy ")
          .contains("the last good policy stays in force", "policy.yaml:1:");

      RunListener audited = g.audited("run-1", RunListener.NONE);
      audited.stepFinished(
          new StepResult(
              "get",
              "http",
              Verdict.PASS,
              "x-session: abc123",
              Map.of(),
              Map.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              3,
              "s.yaml:4"));
      audited.policyRefused("del", "writes", "refused by policy writes: DELETE /x ...");
    }
    List<String> lines = Files.readAllLines(StateFolder.of(dir).audit());
    assertThat(lines)
        .extracting(l -> AuditJson.MAPPER.readTree(l).get("event").asText())
        .containsExactly("policy.reloaded", "action.executed", "policy.refused");
    assertThat(lines.get(0)).contains("\"ok\":false");
    assertThat(lines.get(1)).contains("x-session: [redacted]").doesNotContain("abc123");
    assertThat(lines.get(2)).contains("\"rule\":\"writes\"", "\"runId\":\"run-1\"");
    assertThat(AuditVerifier.verify(dir).ok()).isTrue();
  }
}
