package dev.prooflane.actions.http;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.LoopbackShop;
import dev.prooflane.actions.testing.Received;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.model.KeyNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpActionTest {
  private static final KeyNames WITH_QUERY =
      new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.of("pl-key"));

  private LoopbackEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  private LoopbackEnvironment shop(KeyNames names) throws Exception {
    env =
        new LoopbackEnvironment(names)
            .service(
                "pricing", (req, log) -> Reply.json(200, "{\"price\": 100, \"by\": \"baseline\"}"));
    env.sandbox(
        "sbx",
        "k7q2m9x4z1ab",
        Map.of("pricing", (req, log) -> Reply.json(200, "{\"price\": 90, \"by\": \"fork\"}")));
    return env;
  }

  @Test
  void injectsTheKeyInEveryConfiguredFormAndReachesTheFork() throws Exception {
    shop(WITH_QUERY);
    RunResult r =
        run(
            env,
            "sbx",
            Map.of(),
            parse(
                "quote",
                """
                name: quote
                description: d
                whenToUse: w
                steps:
                  - id: quote
                    action: http
                    with:
                      service: pricing
                      path: /quote?sku=a1
                      query: { qty: 2, note: "a b" }
                      headers: { baggage: "a=1", tracestate: "vendor=x" }
                      expectStatus: 200
                """));

    StepResult quote = step(r, "quote");
    assertThat(quote.verdict()).as(quote.message()).isEqualTo(Verdict.PASS);
    Received got = env.received("pricing").get(0);
    assertThat(got.header("baggage")).isEqualTo("a=1,prooflane-key=k7q2m9x4z1ab");
    assertThat(got.header("tracestate")).isEqualTo("prooflane-key=k7q2m9x4z1ab,vendor=x");
    assertThat(got.header("x-prooflane-key")).isEqualTo("k7q2m9x4z1ab");
    assertThat(got.query()).isEqualTo("sku=a1&qty=2&note=a%20b&pl-key=k7q2m9x4z1ab");
    assertThat(got.destination()).isEqualTo("sbx");
    assertThat(got.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(got.header("traceparent")).contains((String) quote.outputs().get("traceId"));

    assertThat(quote.outputs().get("status")).isEqualTo(200L);
    assertThat(quote.outputs().get("body")).isEqualTo(Map.of("price", 90L, "by", "fork"));
    assertThat(quote.outputs().get("servedBy")).isEqualTo("sbx");
    assertThat(quote.outputs().get("durationMillis")).isInstanceOf(Double.class);
    assertThat(quote.outputs().get("hops"))
        .isEqualTo(
            List.of(
                Map.of(
                    "service",
                    "pricing",
                    "destination",
                    "sbx",
                    "status",
                    200L,
                    "routingKey",
                    "k7q2m9x4z1ab")));
    Exchange exchange = quote.exchanges().get(0);
    assertThat(exchange.label()).isEqualTo("sandbox");
    assertThat(exchange.keyed()).isTrue();
    assertThat(exchange.hops()).hasSize(1);
    assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void theStepMessageNamesTheHopsTheForkServedNotOnlyTheFirstHop() throws Exception {
    env = LoopbackShop.start(LoopbackShop.Catalog.PROPAGATES);
    env.sandbox("pr-42", "k42", Map.of("pricing", LoopbackShop.discountedPricing()));

    StepResult page = step(run(env, "pr-42", Map.of(), LoopbackShop.PRODUCT_PAGE), "page");

    assertThat(page.message())
        .isEqualTo(
            "GET frontend/products/1 -> 200, pricing served by sandbox pr-42 (hops: frontend"
                + " (baseline) -> catalog (baseline) -> pricing (sandbox pr-42) -> inventory"
                + " (baseline))");
    assertThat(page.outputs().get("servedBy")).isEqualTo("baseline");
    assertThat((List<?>) page.outputs().get("hops"))
        .extracting(h -> ((Map<?, ?>) h).get("service") + "@" + ((Map<?, ?>) h).get("destination"))
        .containsExactly(
            "frontend@baseline", "catalog@baseline", "pricing@pr-42", "inventory@baseline");
  }

  @Test
  void theStepMessageSaysWhenNoHopReachedTheForkAndWhichHopsLostTheKey() throws Exception {
    env = LoopbackShop.start(LoopbackShop.Catalog.DROPS_KEY);
    env.sandbox("pr-42", "k42", Map.of("pricing", LoopbackShop.discountedPricing()));

    StepResult keyed = step(run(env, "pr-42", Map.of(), LoopbackShop.PRODUCT_PAGE), "page");
    StepResult baseline = step(run(env, null, Map.of(), LoopbackShop.PRODUCT_PAGE), "page");

    assertThat(keyed.message())
        .isEqualTo(
            "GET frontend/products/1 -> 200, no hop served by sandbox pr-42 (hops: frontend"
                + " (baseline) -> catalog (baseline) -> pricing (baseline, no key) -> inventory"
                + " (baseline))");
    assertThat(baseline.message())
        .isEqualTo(
            "GET frontend/products/1 -> 200 (hops: frontend (baseline) -> catalog (baseline) ->"
                + " pricing (baseline) -> inventory (baseline))");
  }

  @Test
  void sendsNoKeyWhenInjectIsFalseOrTheRunTargetsTheBaseline() throws Exception {
    shop(WITH_QUERY);
    String yaml =
        """
        name: plain
        description: d
        whenToUse: w
        steps:
          - id: unkeyed
            action: http
            with: { service: pricing, path: /quote, inject: false, label: control }
        """;
    RunResult sandboxRun = run(env, "sbx", Map.of(), parse("plain", yaml));
    RunResult baselineRun = run(env, null, Map.of(), parse("plain", yaml));

    for (Received got : env.received("pricing").subList(0, 2)) {
      assertThat(got.headers()).doesNotContainKeys("baggage", "tracestate", "x-prooflane-key");
      assertThat(got.query()).isNull();
      assertThat(got.destination()).isEqualTo("baseline");
      assertThat(got.header("traceparent")).isNotNull();
    }
    StepResult s = step(sandboxRun, "unkeyed");
    assertThat(s.outputs().get("servedBy")).isEqualTo("baseline");
    assertThat(s.exchanges().get(0).label()).isEqualTo("control");
    assertThat(s.exchanges().get(0).keyed()).isFalse();
    // no keyed traffic reached the fork: the sandbox run proves nothing
    assertThat(sandboxRun.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(baselineRun.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void keepsATraceparentTheStepSet() throws Exception {
    shop(KeyNames.DEFAULT);
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    RunResult r =
        run(
            env,
            null,
            Map.of(),
            parse(
                "own-trace",
                """
                name: own-trace
                description: d
                whenToUse: w
                steps:
                  - id: call
                    action: http
                    with:
                      service: pricing
                      headers: { traceparent: "%s" }
                """
                    .formatted(traceparent)));
    assertThat(env.received("pricing").get(0).header("traceparent")).isEqualTo(traceparent);
    assertThat(step(r, "call").outputs().get("traceId"))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(step(r, "call").outputs().get("servedBy")).isEqualTo("baseline");
  }

  @Test
  void derivesTheSameTraceIdFromTheSameRunAndStep() {
    TraceContext a = TraceContext.derive("run-1", "quote", "sandbox");
    assertThat(a.header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(TraceContext.derive("run-1", "quote", "sandbox")).isEqualTo(a);
    assertThat(TraceContext.derive("run-2", "quote", "sandbox").traceId())
        .isNotEqualTo(a.traceId());
    assertThat(TraceContext.derive("run-1", "other", "sandbox").traceId())
        .isNotEqualTo(a.traceId());
    assertThat(TraceContext.derive("run-1", "quote", "baseline").traceId())
        .isNotEqualTo(a.traceId());
  }

  @Test
  void redactsSecretsInEvidenceButSendsThem() throws Exception {
    env =
        new LoopbackEnvironment()
            .service(
                "auth",
                (req, log) ->
                    new Reply(
                        200,
                        Map.of("Set-Cookie", "session=abc123", "Content-Type", "text/plain"),
                        "ok"));
    RunResult r =
        run(
            SkillRuns.ALLOW_WRITES,
            env,
            null,
            Map.of(),
            parse(
                "login",
                """
                name: login
                description: d
                whenToUse: w
                steps:
                  - id: login
                    action: http
                    with:
                      service: auth
                      method: post
                      headers: { Authorization: Bearer s3cret-token, X-Api-Key: k-999, Accept: text/plain }
                      body: hello
                """));
    assertThat(env.received("auth").get(0).header("authorization"))
        .isEqualTo("Bearer s3cret-token");
    assertThat(env.received("auth").get(0).header("content-type"))
        .isEqualTo("text/plain; charset=utf-8");
    StepResult login = step(r, "login");
    Exchange e = login.exchanges().get(0);
    assertThat(e.requestHeaders().get("authorization")).containsExactly("[redacted]");
    assertThat(e.requestHeaders().get("x-api-key")).containsExactly("[redacted]");
    assertThat(e.requestHeaders().get("accept")).containsExactly("text/plain");
    assertThat(e.responseHeaders().get("set-cookie")).containsExactly("[redacted]");
    assertThat(e.requestBody()).isEqualTo("hello");
    String evidence = login.exchanges() + " " + login.outputs();
    assertThat(evidence).doesNotContain("s3cret-token", "k-999", "abc123");
  }

  @Test
  void sendsMappingsAsJson() throws Exception {
    shop(KeyNames.DEFAULT);
    run(
        SkillRuns.ALLOW_WRITES,
        env,
        null,
        Map.of("sku", "a1"),
        parse(
            "post",
            """
            name: post
            description: d
            whenToUse: w
            inputs:
              sku: { type: string }
            steps:
              - id: post
                action: http
                with:
                  service: pricing
                  method: POST
                  path: /quote
                  body: { sku: "${{ inputs.sku }}", quantity: 2, tags: [a] }
            """));
    Received got = env.received("pricing").get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.header("content-type")).isEqualTo("application/json");
    assertThat(got.body()).isEqualTo("{\"sku\":\"a1\",\"quantity\":2,\"tags\":[\"a\"]}");
  }

  @Test
  void failsOnAnUnexpectedStatusAndReportsRedirectsAsIs() throws Exception {
    env =
        new LoopbackEnvironment()
            .service(
                "web",
                (req, log) ->
                    req.path().equals("/old")
                        ? new Reply(302, Map.of("Location", "/new"), "")
                        : Reply.json(500, "{\"error\": \"boom\"}"));
    RunResult r =
        run(
            env,
            null,
            Map.of(),
            parse(
                "statuses",
                """
                name: statuses
                description: d
                whenToUse: w
                steps:
                  - id: moved
                    action: http
                    with: { service: web, path: /old, expectStatus: [301, 302] }
                  - id: broken
                    action: http
                    with: { service: web, path: /x, expectStatus: 200 }
                """));
    StepResult moved = step(r, "moved");
    assertThat(moved.verdict()).isEqualTo(Verdict.PASS);
    assertThat(moved.outputs().get("status")).isEqualTo(302L);
    assertThat(moved.outputs().get("headers")).asInstanceOf(MAP).containsEntry("location", "/new");
    assertThat(env.received("web")).extracting(Received::path).containsExactly("/old", "/x");

    StepResult broken = step(r, "broken");
    assertThat(broken.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(broken.assertions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path()).isEqualTo("status");
              assertThat(a.passed()).isFalse();
              assertThat(a.actual()).isEqualTo(500L);
            });
    assertThat(broken.message()).contains("expected status 200, got 500").contains("boom");
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void errorsNamingTheServiceAndUrlWhenNothingAnswers() throws Exception {
    shop(KeyNames.DEFAULT);
    String url = env.serviceUri("pricing") + "/quote";
    env.stop("pricing");
    RunResult r =
        run(
            env,
            null,
            Map.of(),
            parse(
                "down",
                """
                name: down
                description: d
                whenToUse: w
                steps:
                  - id: quote
                    action: http
                    with: { service: pricing, path: /quote }
                  - id: unknown
                    action: http
                    always: true
                    with: { service: nope }
                """));
    assertThat(step(r, "quote").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(r, "quote").message())
        .contains("service 'pricing' did not answer at " + url)
        .contains("connection refused");
    assertThat(step(r, "unknown").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(r, "unknown").message())
        .contains("with.service: 'nope' is not a service")
        .contains("services: pricing");
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void capsTheCapturedBodyAtOneMebibyte() throws Exception {
    String big = "x".repeat(dev.prooflane.actions.policy.Limits.DEFAULT.bytesPerResponse() + 1000);
    env = new LoopbackEnvironment().service("big", (req, log) -> Reply.text(200, big));
    RunResult r =
        run(
            env,
            null,
            Map.of(),
            parse(
                "big",
                """
                name: big
                description: d
                whenToUse: w
                steps:
                  - id: get
                    action: http
                    with: { service: big }
                """));
    StepResult get = step(r, "get");
    assertThat(get.outputs().get("truncated")).isEqualTo(true);
    assertThat((String) get.outputs().get("bodyText"))
        .hasSize(dev.prooflane.actions.policy.Limits.DEFAULT.bytesPerResponse());
  }
}
