package dev.prooflane.actions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.RecordPosition;
import dev.prooflane.runtime.HopEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consumption hops in the key's trail: a record is a hop like a request, told as a record. */
class ConsumptionTrailTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aKeyedConsumptionByTheForkIsTheLastKeyedHopToldAsARecord() {
    HopEntry post = request(1, "t", "k", "orders", 0, 20);
    HopEntry consumed = consumption(2, "t", "k", "notifier", "fix-1", 500, 12);

    KeyTrail trail = KeyTrail.of("k", List.of(), List.of(consumed, post));

    assertThat(trail.reached())
        .containsExactly(
            new KeyTrail.Reached("orders", "baseline"), new KeyTrail.Reached("notifier", "fix-1"));
    assertThat(trail.describe(List.of()))
        .isEqualTo(
            "the key reached orders (baseline) and notifier (sandbox fix-1); last keyed hop:"
                + " notifier (sandbox fix-1) consumed orders/0@12 (group notifier-fix-1)");
  }

  @Test
  void aRecordPublishedWithoutTheKeyInTheKeyedTraceIsChargedToItsProducer() {
    HopEntry post = request(1, "t", "k", "orders", 0, 20);
    HopEntry consumed = consumption(2, "t", null, "notifier", "baseline", 500, 3);

    KeyTrail trail = KeyTrail.of("k", List.of("notifier"), List.of(post, consumed));

    assertThat(trail.drops())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.service()).isEqualTo("orders");
              assertThat(d.unkeyedHops()).containsExactly(consumed);
            });
    assertThat(trail.describe(List.of("notifier")))
        .isEqualTo(
            "the key reached orders (baseline); orders's records to notifier carried no key:"
                + " orders (baseline) dropped it; last keyed hop: orders (baseline) POST /orders"
                + " -> 202");
    Coverage coverage = new Coverage(Map.of("notifier", false), List.of(post), trail);
    assertThat(coverage.involvesRecords()).isTrue();
  }

  @Test
  void aRecordOfAnotherTraceIsNotChargedByTheTimeItWasConsumed() {
    // consumed while the keyed request was being served, but a consumer polls when it polls
    HopEntry post = request(1, "t", "k", "orders", 0, 1000);
    HopEntry consumed = consumption(2, "other", null, "notifier", "baseline", 500, 3);

    KeyTrail trail = KeyTrail.of("k", List.of("notifier"), List.of(post, consumed));

    assertThat(trail.drops()).isEmpty();
    assertThat(new Coverage(Map.of("notifier", false), List.of(post), trail).involvesRecords())
        .isFalse();
  }

  private static HopEntry request(
      long seq, String trace, String key, String service, long atMillis, long tookMillis) {
    return new HopEntry(
        seq,
        T0.plusMillis(atMillis),
        trace,
        key,
        service,
        "baseline",
        "POST",
        "/orders",
        202,
        tookMillis * 1000);
  }

  private static HopEntry consumption(
      long seq,
      String trace,
      String key,
      String service,
      String instance,
      long atMillis,
      long offset) {
    return new HopEntry(
        seq,
        T0.plusMillis(atMillis),
        trace,
        key,
        service,
        instance,
        "CONSUME",
        "orders",
        0,
        0,
        new RecordPosition("orders", 0, offset, service + "-" + instance));
  }
}
