package dev.prooflane.cli;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.SkillRunRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The steps of {@code prooflane demo} against a running daemon; returns the JSON result. */
final class DemoScript {
  static final String DISCOUNT = "demo-discount";
  static final String RESTOCK = "demo-restock";
  static final String REGRESSION = "demo-regression";
  static final String NOTIFY = "demo-notify";

  /** The services a product request passes through (the order services are off its path). */
  private static final Set<String> PRODUCT_CHAIN =
      Set.of("frontend", "catalog", "pricing", "inventory", "warehouse");

  private final Environment env;
  private final DaemonClient api;
  private final PrintWriter out;
  private final int requests;
  private final ShopProbe shop;
  private final DemoOrders orders;
  private final DemoReviews reviews;
  private boolean ok = true;

  /** A sandbox the demo created, and how long it took to become routable. */
  private record Created(String name, String key, long readyMillis) {}

  DemoScript(Environment env, DaemonClient api, Daemon daemon, PrintWriter out, int requests) {
    this.env = env;
    this.api = api;
    this.out = out;
    this.requests = requests;
    String frontend = "http://127.0.0.1:" + daemon.runtime().routerPorts().get("frontend");
    this.shop = new ShopProbe(frontend, env.keyNames().baggage());
    String ordersUrl = "http://127.0.0.1:" + daemon.runtime().routerPorts().get("orders");
    this.orders = new DemoOrders(api, ordersUrl, env.keyNames().baggage());
    String reviewsUrl = "http://127.0.0.1:" + daemon.runtime().routerPorts().get("reviews");
    this.reviews = new DemoReviews(api, reviewsUrl, env.keyNames().baggage(), out);
  }

  Map<String, Object> run() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    out.println(
        "== 2. Create sandbox '" + DISCOUNT + "': fork ONLY pricing, with the discount change");
    Created a = create(DISCOUNT, "pricing", "pricing.PricingDiscountMain");
    result.put("sandbox", DISCOUNT);
    result.put("routingKey", a.key());
    result.put("readyMillis", a.readyMillis());

    out.println(
        "== 3. The same request, GET /products/1 at the frontend, with and without the key");
    String traceA = traceId();
    ShopProbe.Answer keyed = shop.product(1, a.key(), traceparent(traceA));
    ShopProbe.Answer unkeyed = shop.product(1, null);
    printHops("with key " + a.key(), keyed);
    printHops("without key", unkeyed);
    out.printf(
        "   price with the key: %s (list %s, %s); without: %s%n",
        keyed.body().path("price").asText(),
        keyed.body().path("listPrice").asText("-"),
        keyed.body().path("discount").asText("no discount"),
        unkeyed.body().path("price").asText());
    expect(
        keyed.status() == 200 && DISCOUNT.equals(keyed.servedBy("pricing")),
        "keyed request reached the fork at the pricing hop");
    expect(
        keyed.servedAsForked(Map.of("pricing", DISCOUNT)) && everyServiceAnswered(keyed),
        "the hops before and after pricing stayed on the baseline, the gRPC warehouse too");
    expect(
        unkeyed.status() == 200 && unkeyed.servedAsForked(Map.of()),
        "the unkeyed request never saw the sandbox");
    result.put("keyed", answer(keyed));
    result.put("unkeyed", answer(unkeyed));

    out.println(
        "== 4. Create sandbox '"
            + RESTOCK
            + "': fork ONLY the gRPC warehouse, with item 4 restocked");
    Created c = create(RESTOCK, "warehouse", "warehouse.WarehouseRestockedMain");
    String traceC = traceId();
    Map<String, Object> grpc = grpcHop(c, traceC);
    result.put("grpc", grpc);

    out.println(
        "== 5. A third sandbox forks pricing too: '" + REGRESSION + "' (a regressed pricing)");
    Created b = create(REGRESSION, "pricing", "pricing.PricingRegressionMain");
    Map<String, Object> isolation =
        new DemoIsolation(shop, out)
            .run(
                requests,
                List.of(
                    DemoIsolation.Lane.keyed(DISCOUNT, a.key(), "pricing"),
                    DemoIsolation.Lane.keyed(REGRESSION, b.key(), "pricing"),
                    DemoIsolation.Lane.keyed(RESTOCK, c.key(), "warehouse"),
                    DemoIsolation.Lane.unkeyed()));
    expect(
        isolation.get("misroutes").equals(0) && isolation.get("failures").equals(0),
        "three sandboxes, two forking the same service and one the gRPC service, never saw each"
            + " other's requests");
    result.put("isolation", isolation);

    out.println(
        "== 6. The asynchronous hop: sandbox '"
            + NOTIFY
            + "' forks ONLY the notifier, a Kafka consumer of the topic 'orders'");
    Created d = create(NOTIFY, "notifier", "notifier.NotifierMain");
    result.put("async", asyncHop(d));

    out.println(
        "== 7. Data: sandbox '"
            + DemoReviews.SANDBOX
            + "' forks ONLY reviews, with a schema change, on its own branch of the database");
    Map<String, Object> data = dataStep();
    result.put("data", data);

    out.println("== 8. The router's hop log for the keyed requests of steps 3 and 4:");
    Map<String, Object> hopLog = new LinkedHashMap<>();
    DemoHopLog log = new DemoHopLog(api, out, PRODUCT_CHAIN.size());
    hopLog.put(DISCOUNT, log.trace(a.key(), traceA));
    List<Map<String, Object>> restockHops = log.trace(c.key(), traceC);
    hopLog.put(RESTOCK, restockHops);
    expect(
        restockHops.stream()
            .anyMatch(
                h ->
                    "warehouse".equals(h.get("service"))
                        && RESTOCK.equals(h.get("destination"))
                        && "grpc".equals(h.get("protocol"))
                        && Integer.valueOf(0).equals(h.get("grpcStatus"))),
        "the router recorded the warehouse hop as a gRPC call (grpc-status 0) to " + RESTOCK);
    result.put("hopLog", hopLog);

    out.println(
        "== 9. Validate both pricing changes with the skill 'product-contract' (signed reports)");
    List<Map<String, Object>> validation = new ArrayList<>();
    validation.add(validate(DISCOUNT, "PASS"));
    validation.add(validate(REGRESSION, "FAIL"));
    result.put("validation", validation);

    out.println(
        "== 10. Delete the five sandboxes: the keys route to the baseline again, at once, and the"
            + " branch is dropped");
    for (Created sandbox : List.of(a, c, b, d)) {
      api.deleteSandbox(sandbox.name());
    }
    api.deleteSandbox(DemoReviews.SANDBOX);
    int branchesLeft = api.status().postgres().branches();
    expect(branchesLeft == 0, "no database branch is left on the server");
    data.put("branchesAfterDelete", branchesLeft);
    ShopProbe.Answer after = shop.product(1, a.key());
    ShopProbe.Answer grpcAfter = shop.product(4, c.key());
    printHops("with key " + a.key() + " after delete", after);
    printHops("with key " + c.key() + " after delete", grpcAfter);
    expect(
        after.status() == 200
            && after.servedAsForked(Map.of())
            && grpcAfter.status() == 200
            && grpcAfter.servedAsForked(Map.of())
            && !grpcAfter.body().path("inStock").asBoolean(true),
        "after delete the keys reach the baseline, the gRPC hop too");
    result.put("afterDelete", answer(after));
    grpc.put("afterDelete", answer(grpcAfter));
    result.put("ok", ok);
    return result;
  }

  /** Step 4's requests: item 4 with and without the restock's key, the stock asked over gRPC. */
  private Map<String, Object> grpcHop(Created c, String traceId) throws Exception {
    out.println(
        "   GET /products/4: inventory asks the warehouse over gRPC, the context in the call's"
            + " metadata");
    ShopProbe.Answer keyed = shop.product(4, c.key(), traceparent(traceId));
    ShopProbe.Answer unkeyed = shop.product(4, null);
    printHops("with key " + c.key(), keyed);
    printHops("without key", unkeyed);
    out.printf(
        "   in stock with the key: %s; without: %s%n",
        keyed.body().path("inStock").asText(), unkeyed.body().path("inStock").asText());
    expect(
        keyed.status() == 200
            && RESTOCK.equals(keyed.servedBy("warehouse"))
            && keyed.body().path("inStock").asBoolean(),
        "keyed request reached the gRPC fork at the warehouse hop (inventory -> warehouse)");
    expect(
        keyed.servedAsForked(Map.of("warehouse", RESTOCK)),
        "every other hop of it stayed on the baseline");
    expect(
        unkeyed.status() == 200
            && unkeyed.servedAsForked(Map.of())
            && everyServiceAnswered(unkeyed)
            && !unkeyed.body().path("inStock").asBoolean(true),
        "the unkeyed request never reached the gRPC fork");
    Map<String, Object> grpc = new LinkedHashMap<>();
    grpc.put("sandbox", RESTOCK);
    grpc.put("routingKey", c.key());
    grpc.put("readyMillis", c.readyMillis());
    grpc.put("keyed", answer(keyed));
    grpc.put("unkeyed", answer(unkeyed));
    return grpc;
  }

  /**
   * Step 7: the fork of reviews with the verified column, on a migrated copy of the database; a
   * review written with the key lands on the branch, the baseline's stay as they were.
   */
  private Map<String, Object> dataStep() throws Exception {
    long start = System.nanoTime();
    SandboxView sandbox =
        reviews.create(DemoCommand.variant(env, "reviews", "reviews.ReviewsVerifiedMain"));
    long readyMillis = (System.nanoTime() - start) / 1_000_000;
    String key = sandbox.routingKey();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sandbox", DemoReviews.SANDBOX);
    data.put("routingKey", key);
    data.put("readyMillis", readyMillis);
    for (SandboxView.BranchView branch : sandbox.branches()) {
      out.printf(
          "   branch %s: %s of %s, %d KiB, made in %d ms; routable %d ms after the request%n",
          branch.name(),
          branch.mode(),
          branch.database(),
          branch.sizeBytes() / 1024,
          branch.tookMillis(),
          readyMillis);
      data.put("branch", branch);
    }
    expect(sandbox.branches().size() == 1, "the sandbox has its own branch of 'reviews'");
    out.println("   POST /reviews (item 4, verified) with the key, then GET /reviews?item=4");
    Map<String, Object> posted = reviews.post("4", key);
    Map<String, Object> keyed = reviews.list("4", key);
    Map<String, Object> unkeyed = reviews.list("4", null);
    out.printf(
        "   with key %s: written by %s (HTTP %s); reads %s%n",
        key, posted.get("servedBy"), posted.get("status"), DemoReviews.texts(keyed));
    out.printf(
        "   without key: %s reads %s%n", unkeyed.get("servedBy"), DemoReviews.texts(unkeyed));
    expect(
        Integer.valueOf(201).equals(posted.get("status"))
            && DemoReviews.SANDBOX.equals(posted.get("servedBy")),
        "the keyed review was written by the fork, to its branch");
    expect(
        DemoReviews.SANDBOX.equals(keyed.get("servedBy"))
            && DemoReviews.texts(keyed).stream().anyMatch(t -> t.endsWith("(verified)")),
        "with the key the fork reads it back from its branch, with the new column");
    expect(
        Integer.valueOf(200).equals(unkeyed.get("status"))
            && "baseline".equals(unkeyed.get("servedBy"))
            && DemoReviews.texts(unkeyed).isEmpty(),
        "without the key the baseline's database is untouched (item 4 still has no review)");
    data.put("posted", posted.get("status"));
    data.put(
        "keyed", Map.of("servedBy", keyed.get("servedBy"), "reviews", DemoReviews.texts(keyed)));
    data.put(
        "unkeyed",
        Map.of("servedBy", unkeyed.get("servedBy"), "reviews", DemoReviews.texts(unkeyed)));
    return data;
  }

  /**
   * Step 6's orders: one with the notifier fork's key, one without; each published to the topic
   * {@code orders} by the baseline's orders service, and consumed by exactly one notifier.
   */
  private Map<String, Object> asyncHop(Created d) throws Exception {
    out.println("   POST /orders at the orders service, which publishes each order to Kafka");
    Map<String, Object> keyed = orders.order(d.key());
    Map<String, Object> unkeyed = orders.order(null);
    printOrder("with key " + d.key(), keyed);
    printOrder("without key", unkeyed);
    keyed.put("consumedBy", orders.consumers(keyed));
    unkeyed.put("consumedBy", orders.consumers(unkeyed));
    expect(
        List.of(NOTIFY).equals(keyed.get("consumedBy")),
        "the keyed order was consumed by the notifier fork in "
            + NOTIFY
            + " only, never the"
            + " baseline");
    expect(
        List.of("baseline").equals(unkeyed.get("consumedBy")),
        "the unkeyed order was consumed by the baseline notifier only");
    Map<String, Object> async = new LinkedHashMap<>();
    async.put("sandbox", NOTIFY);
    async.put("routingKey", d.key());
    async.put("readyMillis", d.readyMillis());
    async.put("keyed", keyed);
    async.put("unkeyed", unkeyed);
    return async;
  }

  private void printOrder(String label, Map<String, Object> order) {
    if (order.containsKey("error")) {
      out.printf("   %s: HTTP %s %s%n", label, order.get("status"), order.get("error"));
      return;
    }
    out.printf(
        "   %s: HTTP %s, published to %s/%s@%s, consumed by %s (group %s)%n",
        label,
        order.get("status"),
        order.get("topic"),
        order.get("partition"),
        order.get("offset"),
        order.get("servedBy"),
        order.get("group"));
  }

  private Map<String, Object> validate(String sandbox, String expected) {
    RunView run =
        api.runSkill(new SkillRunRequest("product-contract", sandbox, Map.of(), null), line -> {});
    String verdict = RunPrinter.verdictOrState(run);
    out.printf("   %s: %s — %s%n", sandbox, verdict, RunPrinter.message(run));
    for (Map<String, Object> step : run.steps()) {
      if ("FAIL".equals(step.get("verdict"))) {
        out.printf("     failing step %s: %s%n", step.get("id"), step.get("message"));
      }
    }
    out.println("     report: " + report(run, "html"));
    expect(expected.equals(verdict), "the " + sandbox + " change validates as " + expected);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("sandbox", sandbox);
    entry.put("skill", "product-contract");
    entry.put("verdict", verdict);
    entry.put("message", RunPrinter.message(run));
    entry.put("report", report(run, "json"));
    entry.put("reportHtml", report(run, "html"));
    return entry;
  }

  /** The run's report file of {@code kind} ({@code json}, {@code html}, ...), or empty. */
  private static String report(RunView run, String kind) {
    return run.reports().getOrDefault(kind, "");
  }

  private Created create(String name, String service, String mainClass) {
    List<String> command = DemoCommand.variant(env, service, mainClass);
    out.println("   fork command: " + String.join(" ", command));
    long start = System.nanoTime();
    SandboxView sandbox =
        api.createSandbox(
            DemoCommand.sandboxRequest(name, service, command), line -> out.println("   " + line));
    long readyMillis = (System.nanoTime() - start) / 1_000_000;
    out.printf(
        "   routable %d ms after the create request; routing key %s%n",
        readyMillis, sandbox.routingKey());
    return new Created(name, sandbox.routingKey(), readyMillis);
  }

  /** Whether the answer has a hop of every service of the product chain. */
  private boolean everyServiceAnswered(ShopProbe.Answer answer) {
    Set<String> answered =
        answer.hops().stream().map(h -> h.get("service")).collect(Collectors.toSet());
    return answered.equals(PRODUCT_CHAIN);
  }

  private static String traceId() {
    return String.format("%032x", System.nanoTime());
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-00f067aa0ba902b7-01";
  }

  private void printHops(String label, ShopProbe.Answer answer) {
    out.printf("   %s: HTTP %d%n", label, answer.status());
    for (Map<String, String> hop : answer.hops()) {
      out.printf(
          "     %-10s served by %s%s%n",
          hop.get("service"), hop.get("servedBy"), isGrpc(hop.get("service")) ? "  (gRPC)" : "");
    }
  }

  private boolean isGrpc(String service) {
    ServiceSpec spec = env.services().get(service);
    return spec != null && spec.protocol() == Protocol.GRPC;
  }

  private void expect(boolean condition, String what) {
    out.println((condition ? "   OK   " : "   FAIL ") + what);
    ok &= condition;
  }

  private static Map<String, Object> answer(ShopProbe.Answer answer) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", answer.status());
    out.put("hops", answer.hops());
    out.put("price", answer.body().path("price"));
    out.put("inStock", answer.body().path("inStock"));
    return out;
  }
}
