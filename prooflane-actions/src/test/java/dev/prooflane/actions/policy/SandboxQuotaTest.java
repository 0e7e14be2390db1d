package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.Fork;
import dev.prooflane.model.SandboxSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxQuotaTest {
  private static final Policy POLICY =
      PolicyReader.parse(
          "policy.yaml",
          "sandboxes: {perOwner: 2, total: 3, maxTtl: 2h}",
          ActionCatalog.builtIn().names());

  private static SandboxSpec spec(String name, Optional<Duration> ttl, Map<String, String> labels) {
    return new SandboxSpec(name, Optional.empty(), ttl, labels, List.of(Fork.of("pricing")));
  }

  private static Map<String, String> ownedBy(String owner) {
    return Map.of(SandboxQuota.OWNER_LABEL, owner);
  }

  private static SandboxSpec admit(SandboxSpec spec, String owner, List<Map<String, String>> all) {
    return POLICY.sandboxes().admit(spec, owner, all, POLICY.source());
  }

  @Test
  void ownsTheSandboxAndBoundsItsTtl() {
    SandboxSpec admitted =
        admit(
            spec("pr-1", Optional.empty(), Map.of(SandboxQuota.OWNER_LABEL, "mallory")),
            "alice",
            List.of());
    assertThat(admitted.labels()).containsEntry(SandboxQuota.OWNER_LABEL, "alice");
    assertThat(admitted.ttl()).contains(Duration.ofHours(2));
    assertThat(
            admit(spec("pr-1", Optional.of(Duration.ofMinutes(5)), Map.of()), "alice", List.of())
                .ttl())
        .contains(Duration.ofMinutes(5));
  }

  @Test
  void refusesATtlOverTheLimit() {
    assertThatThrownBy(
            () ->
                admit(spec("pr-1", Optional.of(Duration.ofHours(3)), Map.of()), "alice", List.of()))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("sandboxes.maxTtl"))
        .hasMessage(
            "refused by policy sandboxes.maxTtl: sandbox 'pr-1' asks for ttl 3h, more than the"
                + " limit of 2h; ask for less or raise sandboxes.maxTtl in policy.yaml");
  }

  @Test
  void countsSandboxesPerOwnerAndInTotal() {
    List<Map<String, String>> two = List.of(ownedBy("alice"), ownedBy("alice"));
    assertThatThrownBy(() -> admit(spec("pr-3", Optional.empty(), Map.of()), "alice", two))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("sandboxes.perOwner"))
        .hasMessageContaining("'alice' has 2 sandboxes already, the limit is 2");
    assertThat(admit(spec("pr-3", Optional.empty(), Map.of()), "bob", two).labels())
        .containsEntry(SandboxQuota.OWNER_LABEL, "bob");

    List<Map<String, String>> three = List.of(ownedBy("alice"), ownedBy("bob"), Map.of());
    assertThatThrownBy(() -> admit(spec("pr-4", Optional.empty(), Map.of()), "carol", three))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("sandboxes.total"))
        .hasMessageContaining("would be sandbox 4, over the limit of 3");
  }

  @Test
  void boundsTheDatabaseBranchesOfASandboxAndKeepsThemWhenAdmitted() {
    Policy policy =
        PolicyReader.parse(
            "policy.yaml", "sandboxes: {maxBranches: 1}", ActionCatalog.builtIn().names());
    SandboxSpec one =
        new SandboxSpec(
            "pr-1",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            List.of(Fork.of("pricing")),
            Map.of("reviews", BranchRequest.COPY));
    assertThat(policy.sandboxes().admit(one, "alice", List.of(), "policy.yaml").databases())
        .containsOnlyKeys("reviews");

    SandboxSpec two =
        new SandboxSpec(
            "pr-2",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            List.of(Fork.of("pricing")),
            Map.of("reviews", BranchRequest.COPY, "audit", BranchRequest.COPY));
    assertThatThrownBy(() -> policy.sandboxes().admit(two, "alice", List.of(), "policy.yaml"))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class,
            e -> assertThat(e.rule()).isEqualTo("sandboxes.maxBranches"))
        .hasMessage(
            "refused by policy sandboxes.maxBranches: sandbox 'pr-2' asks for 2 database"
                + " branches, more than the limit of 1; branch fewer databases or raise"
                + " sandboxes.maxBranches in policy.yaml");
    assertThat(SandboxQuota.DEFAULT.maxBranches()).isEqualTo(4);
  }

  @Test
  void theDefaultHasNoTtlBound() {
    SandboxSpec admitted =
        Policy.DEFAULT
            .sandboxes()
            .admit(spec("pr-1", Optional.empty(), Map.of()), "a", List.of(), "x");
    assertThat(admitted.ttl()).isEmpty();
    assertThat(Policy.DEFAULT.sandboxes().perOwner()).isEqualTo(10);
    assertThat(Policy.DEFAULT.sandboxes().total()).isEqualTo(50);
  }
}
