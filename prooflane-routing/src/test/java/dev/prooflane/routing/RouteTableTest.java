package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.downSandbox;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.ConflictException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final Upstream base = new Upstream("127.0.0.1", 9000, "baseline/pricing#1");
  private final Upstream forkA = new Upstream("127.0.0.1", 9001, "sbx-a/pricing#1");

  @Test
  void leavesTheOriginalUnchanged() {
    RouteTable empty = RouteTable.empty();
    RouteTable one = empty.withBaseline("pricing", base);

    assertThat(empty.baseline("pricing")).isEmpty();
    assertThat(one.baseline("pricing")).contains(base);
  }

  @Test
  void findsSandboxesByKeyAndName() {
    RouteTable table = RouteTable.empty().withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA));

    assertThat(table.sandboxByKey("key-a")).map(SandboxRoute::sandbox).contains("sbx-a");
    assertThat(table.sandbox("sbx-a")).map(r -> r.key().value()).contains("key-a");
    assertThat(table.sandboxByKey("other")).isEmpty();
  }

  @Test
  void refusesAKeyUsedByAnotherSandbox() {
    RouteTable table = RouteTable.empty().withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA));

    assertThatThrownBy(() -> table.withSandbox(sandbox("sbx-b", "key-a", "pricing", forkA)))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "routing key 'key-a' is already used by sandbox 'sbx-a' (leave the routing key out to"
                + " have one generated)")
        .asInstanceOf(InstanceOfAssertFactories.type(RoutingKeyConflictException.class))
        .satisfies(
            conflict -> {
              assertThat(conflict.key()).isEqualTo("key-a");
              assertThat(conflict.sandbox()).isEqualTo("sbx-b");
              assertThat(conflict.holder()).isEqualTo("sbx-a");
            });
    assertThat(table.sandboxes()).extracting(SandboxRoute::sandbox).containsExactly("sbx-a");
  }

  @Test
  void replacingASandboxReleasesItsOldKey() {
    RouteTable table =
        RouteTable.empty()
            .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA))
            .withSandbox(sandbox("sbx-a", "key-new", "pricing", forkA));

    assertThat(table.sandboxByKey("key-a")).isEmpty();
    assertThat(table.sandboxByKey("key-new")).isPresent();
    assertThat(table.sandboxes()).hasSize(1);
    assertThat(table.withSandbox(sandbox("sbx-b", "key-a", "pricing", forkA)).sandboxes())
        .hasSize(2);
  }

  @Test
  void removesSandboxesAndBaselines() {
    RouteTable table =
        RouteTable.empty()
            .withBaseline("pricing", base)
            .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA))
            .withoutSandbox("sbx-a")
            .withoutBaseline("pricing");

    assertThat(table.sandboxByKey("key-a")).isEmpty();
    assertThat(table.sandbox("sbx-a")).isEmpty();
    assertThat(table.baseline("pricing")).isEmpty();
  }

  @Test
  void listsOnlyRunningUpstreams() {
    RouteTable table =
        RouteTable.empty()
            .withBaseline("pricing", base)
            .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA))
            .withSandbox(downSandbox("sbx-b", "key-b", "pricing", "starting"));

    assertThat(table.upstreams()).containsExactlyInAnyOrder(base, forkA);
  }

  @Test
  void holdsAThousandSandboxes() {
    RouteTable table = RouteTable.empty();
    for (int i = 0; i < 1_000; i++) {
      table =
          table.withSandbox(
              sandbox(
                  "sbx-" + i, "key-" + i, "pricing", new Upstream("127.0.0.1", 10_000 + i, "")));
    }

    assertThat(table.sandboxes()).hasSize(1_000);
    assertThat(table.sandboxByKey("key-999").orElseThrow().sandbox()).isEqualTo("sbx-999");
  }

  @Test
  void tellsTheUpstreamsThatChangedFromAnEarlierTable() {
    Upstream forkB = new Upstream("127.0.0.1", 9002, "sbx-b/pricing#1");
    Upstream forkA2 = new Upstream("127.0.0.1", 9003, "sbx-a/pricing#2");
    RouteTable before =
        RouteTable.empty()
            .withBaseline("pricing", base)
            .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA))
            .withSandbox(sandbox("sbx-b", "key-b", "pricing", forkB));

    RouteTable after =
        before
            .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA2))
            .withSandbox(downSandbox("sbx-b", "key-b", "pricing", "exited"))
            .withSandbox(sandbox("sbx-c", "key-c", "pricing", base));

    RouteTable.UpstreamChanges changes = after.upstreamsChangedFrom(before);
    assertThat(changes.added()).containsExactly(forkA2);
    assertThat(changes.removed()).containsExactlyInAnyOrder(forkA, forkB);
    // the baseline is still referenced (twice now): its pool stays
    assertThat(after.withoutBaseline("pricing").upstreamsChangedFrom(after).removed()).isEmpty();
    assertThat(
            after
                .withoutBaseline("pricing")
                .withoutSandbox("sbx-c")
                .upstreamsChangedFrom(after)
                .removed())
        .containsExactly(base);
    assertThat(after.upstreams()).containsExactlyInAnyOrder(base, forkA2);
  }

  @Test
  void validatesValues() {
    assertThatThrownBy(() -> new Upstream("127.0.0.1", 0, ""))
        .hasMessage("port: 0 (expected: 1 to 65535)");
    assertThatThrownBy(() -> RouterOptions.defaults().withHopLogCapacity(0))
        .hasMessage("hopLogCapacity: 0 (expected: > 0)");
    assertThatThrownBy(() -> RouterOptions.defaults().withHeaderTimeout(java.time.Duration.ZERO))
        .hasMessage("headerTimeout: PT0S (expected: >= 1 ms)");
    assertThatThrownBy(() -> RouterOptions.defaults().withKeepAliveTimeout(java.time.Duration.ZERO))
        .hasMessage("keepAliveTimeout: PT0S (expected: >= 1 ms)");
    assertThatThrownBy(() -> RouterOptions.defaults().withMaxHops(0))
        .hasMessage("maxHops: 0 (expected: 1 to 999)");
    assertThatThrownBy(() -> RouterOptions.defaults().withMaxHeaders(0))
        .hasMessage("maxHeaders: 0 (expected: 1 to 10000)");
  }
}
