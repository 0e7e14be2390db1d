package dev.prooflane.actions.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.testing.Instance;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.LoopbackShop;
import dev.prooflane.actions.testing.LoopbackShop.Catalog;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.runtime.PropagationDrop;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A probe through the loopback shop: hop by hop, where the key stopped, and what to do. */
class ProbeTest {
  @AutoClose private LoopbackEnvironment env;

  @Test
  void aKeyThatTravelsEveryHopReachesOnlyTheBaselineAndNeedsNothing() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);

    ProbeResult r = Probe.send(env, "frontend", "/products/1");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.keyTravelled()).isTrue();
    assertThat(r.key()).startsWith("probe-");
    assertThat(r.traceId()).matches("[0-9a-f]{32}");
    assertThat(r.hops())
        .extracting(ProbeHop::service)
        .containsExactly("frontend", "catalog", "pricing", "inventory");
    assertThat(r.hops())
        .allSatisfy(
            h -> {
              assertThat(h.destination()).isEqualTo("baseline");
              assertThat(h.keyArrived()).isTrue();
              assertThat(h.traceArrived()).isTrue();
              assertThat(h.matchedBy()).isEqualTo("key");
            });
    assertThat(r.stops()).isEmpty();
    assertThat(r.advice()).isEmpty();
    assertThat(ProbeText.of(r))
        .contains("the key travelled along every hop the router saw (4 hops)")
        .doesNotContain("what to do");
  }

  @Test
  void namesTheServiceThatDroppedTheKeyButKeptTheTrace() throws Exception {
    env = LoopbackShop.start(Catalog.DROPS_KEY);

    ProbeResult r = Probe.send(env, "frontend", "/products/1");

    assertThat(r.keyTravelled()).isFalse();
    ProbeHop pricing = r.hops().get(2);
    assertThat(pricing.service()).isEqualTo("pricing");
    assertThat(pricing.keyArrived()).isFalse();
    assertThat(pricing.traceArrived()).isTrue();
    assertThat(pricing.matchedBy()).isEqualTo("trace");
    ProbeStop stop = r.stops().get(0);
    assertThat(r.stops()).hasSize(1);
    assertThat(stop.service()).isEqualTo("catalog");
    assertThat(stop.path()).isEqualTo("/items/1");
    assertThat(stop.calledWithoutKey()).containsExactly("pricing");
    assertThat(stop.traceKept()).isTrue();
    assertThat(stop.callSites()).isEmpty();
    String text = ProbeText.of(r);
    assertThat(text)
        .contains(
            "catalog (baseline), serving GET /items/1, called pricing without the key (the"
                + " traceparent still arrived)")
        .contains("call site: unknown")
        .contains("'propagation: opentelemetry-agent' under services.catalog")
        .contains("management.tracing.baggage.remote-fields=prooflane-key")
        .contains("'propagation: detect' under services.catalog");
    assertThat(text.lines().filter(l -> l.contains("pricing") && l.contains("MISSING")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("GET /prices/1 -> 200").contains("arrived"));
  }

  @Test
  void findsACallWithoutKeyOrTraceByWhenItArrivedAndTheCallSiteItsDetectorRecorded()
      throws Exception {
    env = new LoopbackEnvironment();
    LoopbackEnvironment shop = env;
    Instance catalog =
        (req, log) -> {
          String key = req.header("x-prooflane-key");
          String trace = req.header("traceparent").split("-")[1];
          shop.recordDrop(
              drop(
                  key,
                  trace,
                  new PropagationDrop.Outbound(
                      "http", "GET", shop.serviceUri("pricing") + "/prices/1", List.of()),
                  new PropagationDrop.CallSite("shop.Downstream", "get", "Downstream.java", 71)));
          shop.recordDrop(
              drop(
                  key,
                  null,
                  new PropagationDrop.Outbound("kafka", null, "orders", List.of()),
                  new PropagationDrop.CallSite("shop.Events", "publish", "Events.java", 9)));
          return LoopbackShop.catalog(shop, Catalog.DROPS_CONTEXT).handle(req, log);
        };
    env.service("frontend", (req, log) -> env.call("catalog", "/items/1", req, true))
        .service("catalog", catalog)
        .service("pricing", (req, log) -> Reply.json(200, "{\"price\": 1}"))
        .service("audit", (req, log) -> Reply.json(200, "{}"));
    otherTraffic();

    ProbeResult r = Probe.send(env, "frontend", "/items");

    ProbeHop pricing =
        r.hops().stream().filter(h -> h.service().equals("pricing")).findFirst().orElseThrow();
    assertThat(pricing.keyArrived()).isFalse();
    assertThat(pricing.traceArrived()).isFalse();
    assertThat(pricing.traceId()).isNull();
    assertThat(pricing.matchedBy()).isEqualTo("time");
    assertThat(r.hops()).extracting(ProbeHop::service).doesNotContain("audit");
    ProbeStop stop = r.stops().get(0);
    assertThat(stop.service()).isEqualTo("catalog");
    assertThat(stop.traceKept()).isFalse();
    assertThat(stop.callSites())
        .extracting(Object::toString)
        .containsExactly(
            "shop.Downstream.get(Downstream.java:71)", "shop.Events.publish(Events.java:9)");
    assertThat(r.drops()).hasSize(2);
    String text = ProbeText.of(r);
    assertThat(text)
        .contains("called pricing without the key and without the trace")
        .contains("    call site: shop.Downstream.get(Downstream.java:71)")
        .contains("(matched by time)")
        .doesNotContain("'propagation: detect'")
        .doesNotContain("the drop detectors also saw");
  }

  /**
   * A call the router never sees (here a Kafka publish) that a drop detector saw leave without the
   * key: the key did not travel, whatever the router saw.
   */
  @Test
  void aDropOnlyTheDetectorSawMeansTheKeyDidNotTravelAndNamesTheCallToFix() throws Exception {
    env = new LoopbackEnvironment();
    LoopbackEnvironment shop = env;
    Instance catalog =
        (req, log) -> {
          shop.recordDrop(
              drop(
                  req.header("x-prooflane-key"),
                  req.header("traceparent").split("-")[1],
                  new PropagationDrop.Outbound("kafka", null, "orders", List.of("traceparent")),
                  new PropagationDrop.CallSite("shop.Events", "publish", "Events.java", 9)));
          return LoopbackShop.catalog(shop, Catalog.PROPAGATES).handle(req, log);
        };
    env.service("frontend", (req, log) -> env.call("catalog", "/items/1", req, true))
        .service("catalog", catalog)
        .service("pricing", (req, log) -> Reply.json(200, "{\"price\": 1}"));

    ProbeResult r = Probe.send(env, "frontend", "/items");

    assertThat(r.stops()).isEmpty();
    assertThat(r.hops()).allSatisfy(h -> assertThat(h.keyArrived()).isTrue());
    assertThat(r.keyTravelled()).isFalse();
    assertThat(r.advice())
        .first()
        .asString()
        .isEqualTo(
            "fix the call at shop.Events.publish(Events.java:9) in catalog: it sends "
                + r.drops().get(0).outbound().describe()
                + " without the key");
    assertThat(ProbeText.of(r))
        .doesNotContain("nothing to fix")
        .contains("the drop detectors also saw these calls without the key:")
        .contains("'propagation: opentelemetry-agent' under services.catalog");
  }

  @Test
  void refusesAPathWithoutLeadingSlashAndAnUnknownService() throws Exception {
    env = LoopbackShop.start(Catalog.PROPAGATES);

    assertThatThrownBy(() -> Probe.send(env, "frontend", "products/1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path: 'products/1' (expected: a path starting with '/', such as /products/1)");
    assertThatThrownBy(() -> Probe.send(env, "billing", "/x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("billing");
  }

  /** What catalog's drop detector records about a call of a probe's request without its key. */
  private static PropagationDrop drop(
      String key, String trace, PropagationDrop.Outbound call, PropagationDrop.CallSite site) {
    return new PropagationDrop(
        Instant.now(),
        "catalog",
        "baseline",
        key,
        trace,
        new PropagationDrop.Inbound("GET", "/items/1"),
        call,
        site,
        List.of());
  }

  /** A request of someone else, before the probe: a hop of its own trace, without any key. */
  private void otherTraffic() throws IOException, InterruptedException {
    env.callWithoutContext("audit", "/log");
  }
}
