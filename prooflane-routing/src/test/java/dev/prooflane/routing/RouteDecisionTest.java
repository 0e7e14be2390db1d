package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.downSandbox;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.BaselineReason.NotForked;
import dev.prooflane.routing.RouteDecision.ForkDown;
import dev.prooflane.routing.RouteDecision.NoBaseline;
import dev.prooflane.routing.RouteDecision.ToBaseline;
import dev.prooflane.routing.RouteDecision.ToFork;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDecisionTest {
  private final Upstream base = new Upstream("127.0.0.1", 9000, "baseline/pricing#1");
  private final Upstream forkA = new Upstream("127.0.0.1", 9001, "sbx-a/pricing#1");
  private final Upstream catalogFork = new Upstream("127.0.0.1", 9002, "sbx-b/catalog#1");

  private final RouteTable table =
      RouteTable.empty()
          .withBaseline("pricing", base)
          .withSandbox(sandbox("sbx-a", "key-a", "pricing", forkA))
          .withSandbox(sandbox("sbx-b", "key-b", "catalog", catalogFork))
          .withSandbox(downSandbox("sbx-c", "key-c", "pricing", "fork 'pricing' crashed"));

  @Test
  void sendsUnkeyedRequestToBaseline() {
    RouteDecision decision = table.decide("pricing", null);

    assertThat(decision).isEqualTo(new ToBaseline(base, BaselineReason.UNKEYED));
    assertThat(decision.destination()).isEqualTo(HopRecord.BASELINE);
  }

  @Test
  void sendsUnknownKeyToBaseline() {
    assertThat(table.decide("pricing", "nobody"))
        .isEqualTo(new ToBaseline(base, BaselineReason.UNKNOWN_KEY));
  }

  @Test
  void sendsKeyOfSandboxThatForksAnotherServiceOnlyToBaselineNamingTheSandbox() {
    assertThat(table.decide("pricing", "key-b"))
        .isEqualTo(new ToBaseline(base, new NotForked("sbx-b")));
  }

  @Test
  void sendsKeyOfSandboxWithRunningForkToTheFork() {
    RouteDecision decision = table.decide("pricing", "key-a");

    assertThat(decision).isEqualTo(new ToFork("sbx-a", forkA));
    assertThat(decision.destination()).isEqualTo("sbx-a");
  }

  @Test
  void answersKeyOfSandboxWithDownForkWithForkDownNeverTheBaseline() {
    RouteDecision decision = table.decide("pricing", "key-c");

    assertThat(decision)
        .isEqualTo(
            new ForkDown("sbx-c", "pricing", new RoutingKey("key-c"), "fork 'pricing' crashed"));
    assertThat(decision).isNotInstanceOf(RouteDecision.Forward.class);
    assertThat(decision.destination()).isEqualTo("sbx-c");
  }

  @Test
  void forkDownSaysTheRequestWasNotSentToTheBaseline() {
    RouteDecision.Unavailable down = (RouteDecision.Unavailable) table.decide("pricing", "key-c");

    assertThat(down.error()).isEqualTo("fork_unavailable");
    assertThat(down.service()).isEqualTo("pricing");
    assertThat(down.message())
        .isEqualTo("fork 'pricing' crashed; the request was NOT sent to the baseline");
  }

  @Test
  void answersUnkeyedRequestForServiceWithoutBaselineWithNoBaseline() {
    RouteDecision decision = table.decide("catalog", null);

    assertThat(decision).isEqualTo(new NoBaseline("catalog", BaselineReason.UNKEYED));
    assertThat(decision.destination()).isEqualTo(HopRecord.BASELINE);
    NoBaseline none = (NoBaseline) decision;
    assertThat(none.error()).isEqualTo("no_baseline");
    assertThat(none.message())
        .isEqualTo(
            "no baseline upstream is configured for service 'catalog'; start the service or add"
                + " its baseline to the route table");
  }

  @Test
  void answersUnknownKeyAndKeyOfSandboxNotForkingTheServiceWithNoBaselineWhenThereIsNone() {
    assertThat(table.decide("catalog", "nobody"))
        .isEqualTo(new NoBaseline("catalog", BaselineReason.UNKNOWN_KEY));
    assertThat(table.decide("catalog", "key-a"))
        .isEqualTo(new NoBaseline("catalog", new NotForked("sbx-a")));
  }

  @Test
  void sendsKeyedRequestToRunningForkEvenWithoutBaseline() {
    assertThat(table.decide("catalog", "key-b")).isEqualTo(new ToFork("sbx-b", catalogFork));
    assertThat(table.withoutBaseline("pricing").decide("pricing", "key-a"))
        .isEqualTo(new ToFork("sbx-a", forkA));
  }

  @Test
  void answersDownForkWithForkDownEvenWithoutBaseline() {
    assertThat(table.withoutBaseline("pricing").decide("pricing", "key-c"))
        .isInstanceOf(ForkDown.class);
  }

  @Test
  void decidesEachServiceOfASandboxOnItsOwnFork() {
    RouteTable mixed =
        table.withSandbox(
            new SandboxRoute(
                "sbx-d",
                new RoutingKey("key-d"),
                Map.of(
                    "pricing",
                    new ForkTarget.Running(forkA),
                    "catalog",
                    new ForkTarget.Down("fork 'catalog' is starting"))));

    assertThat(mixed.decide("pricing", "key-d")).isEqualTo(new ToFork("sbx-d", forkA));
    assertThat(mixed.decide("catalog", "key-d")).isInstanceOf(ForkDown.class);
    assertThat(mixed.decide("shipping", "key-d"))
        .isEqualTo(new NoBaseline("shipping", new NotForked("sbx-d")));
  }

  @Test
  void decidesOnTheTableItIsAskedNotOnLaterOnes() {
    RouteTable later = table.withoutSandbox("sbx-a");

    assertThat(table.decide("pricing", "key-a")).isEqualTo(new ToFork("sbx-a", forkA));
    assertThat(later.decide("pricing", "key-a"))
        .isEqualTo(new ToBaseline(base, BaselineReason.UNKNOWN_KEY));
  }

  @Test
  void matchesKeysExactly() {
    assertThat(table.decide("pricing", "KEY-A"))
        .isEqualTo(new ToBaseline(base, BaselineReason.UNKNOWN_KEY));
  }

  @Test
  void needsAService() {
    assertThatThrownBy(() -> table.decide(null, "key-a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("service");
  }
}
