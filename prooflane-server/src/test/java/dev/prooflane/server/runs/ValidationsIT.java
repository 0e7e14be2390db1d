package dev.prooflane.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.sandboxes.Caller;
import dev.prooflane.server.sandboxes.SandboxService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole validations over a real local runtime: the sandbox, the runs, the verdict, the cleanup. */
class ValidationsIT {
  private static final Caller ALICE = new Caller("alice", false);

  @TempDir static Path dir;
  @TempDir static Path elsewhere;
  private static Path skills;
  private static DaemonParts parts;
  private static StateFolder state;
  private static SandboxService sandboxes;

  @BeforeAll
  static void start() throws Exception {
    skills = Files.createDirectories(dir.resolve("test-skills"));
    skill("reaches-a", "http", "service: a, path: /hello, expectStatus: 200");
    skill("wrong-status", "http", "service: a, path: /hello, expectStatus: 418");
    skill("touches-nothing", "check", "that: '${{ true }}', message: always true");
    skill(
        "waits-long",
        "wait",
        "action: check, with: {that: true}, until: '${{ false }}', interval: 100ms, attempts: 250");
    parts =
        DaemonParts.start(
            EchoEnvironment.single(dir),
            dir.resolve("state"),
            Duration.ofSeconds(1),
            Optional.empty());
    state = parts.state();
    sandboxes = parts.sandboxes();
  }

  @AfterAll
  static void stop() {
    if (parts != null) {
      parts.close();
    }
  }

  private static void skill(String name, String action, String with) throws Exception {
    Files.writeString(
        skills.resolve(name + ".yaml"),
        """
        name: %s
        description: A skill of the daemon's tests.
        whenToUse: Never outside them.
        steps:
          - id: only
            action: %s
            with: {%s}
        """
            .formatted(name, action, with));
  }

  private static Validations.Outcome validate(String sandbox, boolean keep, String... skillNames) {
    return validate(sandbox, keep, List.of(skills), skillNames);
  }

  private static Validations.Outcome validate(
      String sandbox, boolean keep, List<Path> skillDirs, String... skillNames) {
    return parts.validations().validate(request(sandbox, keep, skillDirs, skillNames), line -> {});
  }

  private static Validations.Request request(String sandbox, boolean keep, String... skillNames) {
    return request(sandbox, keep, List.of(skills), skillNames);
  }

  private static Validations.Request request(
      String sandbox, boolean keep, List<Path> skillDirs, String... skillNames) {
    return new Validations.Request(
        SandboxSpecReader.parse(
            "<test>",
            "{\"name\": \"" + sandbox + "\", \"ttl\": \"30m\", \"forks\": [{\"service\": \"a\"}]}"),
        List.of(skillNames),
        skillDirs,
        Map.of(),
        keep,
        ALICE);
  }

  private static List<String> sandboxNames() {
    return sandboxes.list().stream().map(Sandbox::name).toList();
  }

  @Test
  void passesWhenEverySkillPassesAndDeletesItsSandbox() {
    Validations.Outcome outcome = validate("v-pass", false, "reaches-a");

    assertThat(outcome.verdict()).isEqualTo("PASS");
    assertThat(outcome.runs()).extracting(RunView::verdict).containsExactly("PASS");
    assertThat(outcome.kept()).isFalse();
    assertThat(sandboxNames()).doesNotContain("v-pass");
    assertThat(AuditRecords.aboutSandbox(state, "sandbox.created", "v-pass", "owner"))
        .containsExactly("alice");
    assertThat(AuditRecords.aboutSandbox(state, "sandbox.deleted", "v-pass", "by"))
        .containsExactly("alice");
  }

  @Test
  void failsWhenOneSkillFailsAndStillDeletesItsSandbox() {
    Validations.Outcome outcome = validate("v-fail", false, "reaches-a", "wrong-status");

    assertThat(outcome.verdict()).isEqualTo("FAIL");
    assertThat(outcome.runs()).extracting(RunView::verdict).containsExactly("PASS", "FAIL");
    assertThat(sandboxNames()).doesNotContain("v-fail");
  }

  @Test
  void isInconclusiveWhenASkillNeverReachesTheChange() {
    Validations.Outcome outcome = validate("v-untouched", false, "reaches-a", "touches-nothing");

    assertThat(outcome.verdict()).isEqualTo("INCONCLUSIVE");
    assertThat(outcome.runs()).extracting(RunView::verdict).containsExactly("PASS", "INCONCLUSIVE");
    assertThat(sandboxNames()).doesNotContain("v-untouched");
  }

  @Test
  void reportsNameSkillFilesRelativeToTheEnvironmentNeverAbsolutely() throws Exception {
    Path extra = Files.createDirectories(elsewhere.resolve("ci-skills"));
    Files.copy(skills.resolve("reaches-a.yaml"), extra.resolve("from-ci.yaml"));
    Files.writeString(
        extra.resolve("from-ci.yaml"),
        Files.readString(extra.resolve("from-ci.yaml")).replace("reaches-a", "from-ci"));

    Validations.Outcome outcome =
        validate("v-paths", false, List.of(skills, extra), "reaches-a", "from-ci");

    assertThat(outcome.runs()).extracting(RunView::verdict).containsExactly("PASS", "PASS");
    assertThat(configurationName(outcome.runs().get(0))).isEqualTo("test-skills/reaches-a.yaml");
    assertThat(configurationName(outcome.runs().get(1)))
        .isEqualTo("skill-dir:ci-skills/from-ci.yaml");
    for (RunView run : outcome.runs()) {
      assertThat(Path.of(run.reports().get("statement")))
          .content()
          .doesNotContain(dir.toString())
          .doesNotContain(elsewhere.toString());
    }
  }

  private static String configurationName(RunView run) throws Exception {
    return dev.prooflane.server.json.Json.mapper()
        .readTree(Path.of(run.reports().get("statement")).toFile())
        .at("/predicate/configuration/0/name")
        .asText();
  }

  @Test
  void keepsItsSandboxWhenAsked() {
    Validations.Outcome outcome = validate("v-kept", true, "reaches-a");

    assertThat(outcome.kept()).isTrue();
    assertThat(sandboxes.get("v-kept").spec().labels())
        .containsEntry(SandboxQuota.OWNER_LABEL, "alice");
    assertThat(outcome.routingKey()).isEqualTo(sandboxes.get("v-kept").routingKey().value());
    sandboxes.delete("v-kept", ALICE);
  }

  @Test
  void startsAtOnceAndIsFollowedByIdUntilItEnds() {
    ValidationRecord started =
        parts.validations().start(request("v-async", false, "reaches-a"), l -> {});

    assertThat(started.sandbox()).isEqualTo("v-async");
    assertThat(parts.validations().get(started.id())).isSameAs(started);
    Validations.Outcome outcome = Validations.await(started);
    assertThat(outcome.verdict()).isEqualTo("PASS");
    assertThat(started.state()).isEqualTo("DONE");
    assertThat(started.runIds()).hasSize(1);
    assertThat(started.progress()).anyMatch(l -> l.equals("deleted sandbox v-async"));
    assertThat(parts.validations().list()).contains(started);
  }

  @Test
  void cancellingStopsTheRunDeletesTheSandboxAndIsAudited() {
    ValidationRecord started =
        parts.validations().start(request("v-cancel", true, "waits-long", "reaches-a"), l -> {});
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !started.runIds().isEmpty()
                    && parts.runs().get(started.runIds().get(0)).progress().stream()
                        .anyMatch(l -> l.startsWith("step only (wait)")));

    parts.validations().cancel(started.id(), "bob", "the agent gave up");
    Validations.Outcome outcome = Validations.await(started);

    assertThat(started.state()).isEqualTo("CANCELLED");
    assertThat(started.cancellation()).isEqualTo("cancelled by bob: the agent gave up");
    assertThat(outcome.verdict()).isEqualTo("ERROR");
    assertThat(outcome.kept()).isFalse();
    assertThat(outcome.runs()).hasSize(1);
    RunView run = outcome.runs().get(0);
    assertThat(run.state()).isEqualTo("CANCELLED");
    assertThat(run.verdict()).isEqualTo("ERROR");
    assertThat(run.message()).isEqualTo("cancelled by bob: the agent gave up");
    assertThat(sandboxNames()).doesNotContain("v-cancel");
    assertThat(AuditRecords.details(state, "validation.cancelled", "validationId", started.id()))
        .extracting(d -> d.path("by").asText())
        .containsExactly("bob");
    assertThat(AuditRecords.details(state, "run.cancelled", "runId", run.id())).hasSize(1);
    assertThat(AuditRecords.details(state, "run.finished", "runId", run.id()))
        .extracting(d -> d.path("verdict").asText())
        .containsExactly("CANCELLED");
  }

  @Test
  void cancellingAnEndedValidationChangesNothing() {
    ValidationRecord done =
        parts.validations().start(request("v-ended", false, "reaches-a"), l -> {});
    Validations.await(done);

    parts.validations().cancel(done.id(), "bob", null);

    assertThat(done.state()).isEqualTo("DONE");
    assertThat(done.cancellation()).isNull();
    assertThat(AuditRecords.details(state, "validation.cancelled", "validationId", done.id()))
        .isEmpty();
  }

  @Test
  void anUnknownValidationIsNotFound() {
    assertThatThrownBy(() -> parts.validations().get("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void refusesAnUnknownSkillBeforeCreatingASandbox() {
    assertThatThrownBy(() -> validate("v-unknown", false, "no-such-skill"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-skill");

    assertThat(AuditRecords.details(state, "sandbox.created", "sandbox", "v-unknown")).isEmpty();
  }
}
