package dev.prooflane.actions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.testing.Instance;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.LoopbackShop;
import dev.prooflane.actions.testing.LoopbackShop.Catalog;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.PropagationDrop;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An INCONCLUSIVE run says where the key stopped, from the router's hops, as text and as data. */
class KeyTrailTest {
  private LoopbackEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void namesTheServiceThatDroppedTheKeyAndTheLastHopThatCarriedIt() throws Exception {
    env = LoopbackShop.start(Catalog.DROPS_KEY);
    env.sandbox("pr-42", "k42", Map.of("pricing", LoopbackShop.discountedPricing()));

    RunResult r = SkillRuns.run(env, "pr-42", Map.of(), LoopbackShop.PRODUCT_PAGE);

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.message())
        .isEqualTo(
            "the change was not exercised: no request carrying key k42 reached the forked"
                + " service(s) pricing of sandbox 'pr-42'; the key reached frontend (baseline),"
                + " catalog (baseline) and inventory (baseline); catalog's calls to pricing carried"
                + " no key: catalog (baseline) dropped it; last keyed hop: catalog (baseline) GET"
                + " /items/1 -> 200 (see: prooflane hops --key k42)");
    KeyTrail trail = r.coverage().keyTrail();
    assertThat(trail.reached())
        .containsExactly(
            new KeyTrail.Reached("frontend", "baseline"),
            new KeyTrail.Reached("catalog", "baseline"),
            new KeyTrail.Reached("inventory", "baseline"));
    assertThat(trail.drops()).hasSize(1);
    KeyTrail.Drop drop = trail.drops().get(0);
    assertThat(drop.service()).isEqualTo("catalog");
    assertThat(drop.destination()).isEqualTo("baseline");
    assertThat(drop.sameTrace()).isTrue();
    assertThat(drop.keyedHop().path()).isEqualTo("/items/1");
    assertThat(drop.unkeyedHops())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.service()).isEqualTo("pricing");
              assertThat(h.routingKey()).isNull();
              assertThat(h.traceId()).isEqualTo(drop.keyedHop().traceId());
            });
    assertThat(trail.lastKeyedHop()).isEqualTo(drop.keyedHop());
    assertThat(trail.unreached()).isEmpty();
  }

  @Test
  void namesTheCallSiteTheDropDetectorOfTheDroppingServiceRecorded() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);
    LoopbackEnvironment shop = env;
    Instance detected =
        (req, log) -> {
          // what the drop detector attached to this catalog writes when its client drops the key
          String traceparent = req.header("traceparent");
          shop.recordDrop(
              new PropagationDrop(
                  Instant.now(),
                  "catalog",
                  req.destination(),
                  "k5",
                  traceparent.split("-")[1],
                  new PropagationDrop.Inbound(req.method(), req.path()),
                  new PropagationDrop.Outbound(
                      "http", "GET", shop.serviceUri("pricing") + "/prices/1", List.of()),
                  new PropagationDrop.CallSite("shop.Downstream", "get", "Downstream.java", 71),
                  List.of("shop.Downstream.get(Downstream.java:71)")));
          return LoopbackShop.catalog(shop, Catalog.DROPS_CONTEXT).handle(req, log);
        };
    env.sandbox(
        "pr-5", "k5", Map.of("catalog", detected, "pricing", LoopbackShop.discountedPricing()));

    RunResult r = SkillRuns.run(env, "pr-5", Map.of(), LoopbackShop.PRODUCT_PAGE);

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.message())
        .contains(
            "catalog's calls to pricing carried neither the key nor its trace: catalog (sandbox"
                + " pr-5) dropped it at shop.Downstream.get(Downstream.java:71); last keyed hop:"
                + " catalog (sandbox pr-5) GET /items/1 -> 200");
    KeyTrail.Drop drop = r.coverage().keyTrail().drops().get(0);
    assertThat(drop.detected()).singleElement().extracting(PropagationDrop::key).isEqualTo("k5");
    assertThat(drop.callSites())
        .containsExactly(
            new PropagationDrop.CallSite("shop.Downstream", "get", "Downstream.java", 71));
  }

  @Test
  void aDropRecordOfTheSameTraceOrMadeWhileTheKeyedRequestWasServedNamesTheDropper() {
    HopEntry keyed = hop(1, "t", "k", "catalog", 0, 100);
    HopEntry call = hop(2, null, null, "pricing", 20, 5);
    PropagationDrop sameTrace = record("catalog", "t", 500, "A");
    PropagationDrop during = record("catalog", null, 30, "B");
    PropagationDrop otherTrace = record("catalog", "u", 30, "E");
    PropagationDrop earlierRun = record("catalog", null, -60_000, "C");
    PropagationDrop otherService = record("frontend", "t", 30, "D");

    assertThat(
            callSites(
                KeyTrail.of(
                    "k",
                    List.of("pricing"),
                    List.of(keyed, call),
                    List.of(sameTrace, during, otherTrace, earlierRun, otherService))))
        .containsExactly("A", "B");
    assertThat(
            callSites(
                KeyTrail.of(
                    "k",
                    List.of("pricing"),
                    List.of(keyed, call),
                    List.of(otherTrace, earlierRun))))
        .as("failing those, a record of the dropper made during the run")
        .containsExactly("E");
    KeyTrail stale =
        KeyTrail.of("k", List.of("pricing"), List.of(keyed, call), List.of(earlierRun));
    assertThat(stale.drops().get(0).detected()).isEmpty();
    assertThat(stale.describe(List.of("pricing"))).doesNotContain(" at ");
  }

  /**
   * A record no dropper explains — a call that never reached the router, made during the run — is
   * kept and named in the text, not thrown away; one from another run is not.
   */
  @Test
  void namesWhatTheDropDetectorSawThatNoDropperExplains() {
    HopEntry keyed = hop(1, "t", "k", "catalog", 0, 100);
    PropagationDrop kafka = record("frontend", "t", 30, "shop.Events");
    PropagationDrop earlierRun = record("frontend", null, -60_000, "shop.Old");

    KeyTrail trail =
        KeyTrail.of("k", List.of("pricing"), List.of(keyed), List.of(kafka, earlierRun));

    assertThat(trail.drops()).isEmpty();
    assertThat(trail.otherDetected()).containsExactly(kafka);
    assertThat(trail.describe(List.of("pricing")))
        .contains(
            "; the drop detector of frontend (baseline) saw it send a call without the key at"
                + " shop.Events.call(X.java:1)")
        .doesNotContain("shop.Old");
  }

  private static List<String> callSites(KeyTrail trail) {
    return trail.drops().get(0).callSites().stream()
        .map(PropagationDrop.CallSite::className)
        .toList();
  }

  @Test
  void findsAForkThatDropsTheWholeContextByWhenItsCallArrived() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);
    env.sandbox(
        "pr-7",
        "k7",
        Map.of(
            "catalog",
            LoopbackShop.catalog(env, Catalog.DROPS_CONTEXT),
            "pricing",
            LoopbackShop.discountedPricing()));

    RunResult r = SkillRuns.run(env, "pr-7", Map.of(), LoopbackShop.PRODUCT_PAGE);

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.message())
        .contains(
            "the key reached frontend (baseline), catalog (sandbox pr-7) and inventory (baseline);"
                + " catalog's calls to pricing carried neither the key nor its trace: catalog"
                + " (sandbox pr-7) dropped it; last keyed hop: catalog (sandbox pr-7) GET /items/1"
                + " -> 200 (see: prooflane hops --key k7)");
    KeyTrail.Drop drop = r.coverage().keyTrail().drops().get(0);
    assertThat(drop.sameTrace()).isFalse();
    assertThat(drop.unkeyedHops()).singleElement().extracting(HopEntry::traceId).isNull();
  }

  @Test
  void saysWhenNoRequestOfTheRunReachedTheForkedServiceAtAll() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);
    env.sandbox("pr-8", "k8", Map.of("pricing", LoopbackShop.discountedPricing()));

    RunResult r = SkillRuns.run(env, "pr-8", Map.of(), stock(true));

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.message())
        .contains(
            "the key reached inventory (baseline); no request reached pricing during the run,"
                + " keyed or not; last keyed hop: inventory (baseline) GET /stock/1 -> 200");
    assertThat(r.coverage().keyTrail().unreached()).containsExactly("pricing");
    assertThat(r.coverage().keyTrail().drops()).isEmpty();
  }

  @Test
  void saysWhenNoRequestCarriedTheKey() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);
    env.sandbox("pr-9", "k9", Map.of("pricing", LoopbackShop.discountedPricing()));

    RunResult r = SkillRuns.run(env, "pr-9", Map.of(), stock(false));

    assertThat(r.message())
        .contains("no request carried the key during the run (see: prooflane hops --key k9)");
    assertThat(r.coverage().keyTrail().lastKeyedHop()).isNull();
  }

  @Test
  void aRequestSentWithoutTheKeyFromTheStartIsNobodysDrop() {
    HopEntry keyed = hop(1, "trace-a", "k", "frontend", 0, 100);
    HopEntry unkeyedEntry = hop(2, "trace-b", null, "frontend", 10, 50);
    HopEntry unkeyedCall = hop(3, "trace-b", null, "pricing", 20, 5);

    KeyTrail trail =
        KeyTrail.of("k", List.of("pricing"), List.of(unkeyedCall, unkeyedEntry, keyed));

    assertThat(trail.drops()).isEmpty();
    assertThat(trail.describe(List.of("pricing")))
        .isEqualTo(
            "the key reached frontend (baseline); pricing was called only without the key; last"
                + " keyed hop: frontend (baseline) GET /p -> 200");
  }

  @Test
  void chargesACallToTheInnermostKeyedRequestThatWasBeingServed() {
    HopEntry outer = hop(1, "t", "k", "frontend", 0, 100);
    HopEntry inner = hop(2, "t", "k", "catalog", 10, 30);
    HopEntry after = hop(3, "t", "k", "inventory", 50, 10);
    HopEntry call = hop(4, "t", null, "pricing", 20, 5);

    KeyTrail trail = KeyTrail.of("k", List.of("pricing"), List.of(call, inner, after, outer));

    assertThat(trail.drops()).singleElement().extracting(KeyTrail.Drop::keyedHop).isEqualTo(inner);
    assertThat(trail.lastKeyedHop()).isEqualTo(inner);
    assertThat(trail.reached())
        .extracting(KeyTrail.Reached::service)
        .containsExactly("frontend", "catalog", "inventory");
  }

  private static Skill stock(boolean inject) {
    return SkillRuns.parse(
        "stock",
        """
        name: stock
        description: d
        whenToUse: w
        steps:
          - id: stock
            action: http
            with: { service: inventory, path: /stock/1, inject: %s }
        """
            .formatted(inject));
  }

  private static PropagationDrop record(
      String service, String trace, long atMillis, String callSiteClass) {
    return new PropagationDrop(
        Instant.parse("2026-11-03T10:00:00Z").plusMillis(atMillis),
        service,
        "baseline",
        "k",
        trace,
        null,
        null,
        new PropagationDrop.CallSite(callSiteClass, "call", "X.java", 1),
        List.of());
  }

  private static HopEntry hop(
      long seq, String trace, String key, String service, long atMillis, long tookMillis) {
    return new HopEntry(
        seq,
        Instant.parse("2026-11-03T10:00:00Z").plusMillis(atMillis),
        trace,
        key,
        service,
        "baseline",
        "GET",
        "/p",
        200,
        tookMillis * 1000);
  }
}
