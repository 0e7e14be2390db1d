package dev.prooflane.actions.grpc;

import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.http.Redaction;
import dev.prooflane.actions.testing.RoutedEnvironment;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.routing.HopRecord;
import io.grpc.Metadata;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code grpc} action against real grpc-java servers behind the real router: reflection,
 * metadata, statuses, streaming, and the errors a step's input can meet.
 */
class GrpcActionTest {
  private static final String KEY = "k7q2m9x4z1ab";
  private static final Metadata.Key<String> HEADER_KEY =
      Metadata.Key.of("x-prooflane-key", Metadata.ASCII_STRING_MARSHALLER);

  private StockServer baseline;
  private StockServer fork;
  private RoutedEnvironment env;

  @BeforeEach
  void start() {
    baseline = StockServer.start("baseline");
    fork = StockServer.start("fork");
    env =
        new RoutedEnvironment()
            .grpcService("inventory", baseline.port())
            .sandbox("sbx", KEY, Map.of("inventory", fork.port()));
  }

  @AfterEach
  void stop() {
    env.close();
    baseline.close();
    fork.close();
  }

  private RunResult run(String sandbox, String with) {
    return run(env, sandbox, with);
  }

  private static RunResult run(RoutedEnvironment in, String sandbox, String with) {
    return SkillRuns.run(in, sandbox, Map.of(), SkillRuns.oneStep("stock", "grpc", with));
  }

  @Test
  void callsAMethodFoundByReflectionAndReachesTheForkWithTheKeyInMetadata() {
    RunResult r =
        run(
            "sbx",
            "{service: inventory, method: test.Stock/Get, request: {sku: a1},"
                + " metadata: {baggage: 'user=7', authorization: Bearer s3cret}, expectStatus: OK}");

    StepResult stock = step(r, "stock");
    assertThat(stock.verdict()).as(stock.message()).isEqualTo(Verdict.PASS);
    assertThat(stock.outputs())
        .containsEntry("status", "OK")
        .containsEntry("code", 0L)
        .containsEntry("message", "")
        .containsEntry("truncated", false)
        .containsEntry("servedBy", "sbx");
    assertThat(stock.outputs().get("response"))
        .isEqualTo(
            Map.of(
                "sku", "a1",
                "quantity", 3L,
                "servedBy", "fork",
                "updated", "2026-01-02T03:04:05Z"));
    assertThat(stock.outputs().get("headers")).asString().contains("x-served-by=fork");
    assertThat(stock.outputs().get("trailers")).isEqualTo(Map.of("x-checked", "yes"));
    assertThat(stock.outputs().get("hops"))
        .isEqualTo(
            List.of(
                Map.of(
                    "service",
                    "inventory",
                    "destination",
                    "sbx",
                    "status",
                    200L,
                    "routingKey",
                    KEY)));
    assertThat(stock.message())
        .isEqualTo(
            "test.Stock/Get on inventory -> OK, inventory served by sandbox sbx (hops: inventory"
                + " (sandbox sbx))");

    Exchange exchange = stock.exchanges().get(0);
    Metadata seen = fork.calls().get(0);
    assertThat(seen.get(HEADER_KEY)).isEqualTo(KEY);
    assertThat(seen.get(key("baggage"))).isEqualTo("user=7,prooflane-key=" + KEY);
    assertThat(seen.get(key("tracestate"))).isEqualTo("prooflane-key=" + KEY);
    assertThat(seen.get(key("authorization"))).isEqualTo("Bearer s3cret");
    assertThat(seen.get(key("traceparent"))).contains((String) stock.outputs().get("traceId"));
    // the run's control request repeated the call without the key: the baseline answered it
    assertThat(baseline.calls())
        .singleElement()
        .satisfies(m -> assertThat(m.get(HEADER_KEY)).isNull());
    assertThat(r.control().url()).isEqualTo(exchange.url());
    assertThat(r.control().keyed()).isFalse();
    assertThat(r.control().responseBody()).contains("\"quantity\":7");

    assertThat(exchange.keyed()).isTrue();
    assertThat(exchange.url()).endsWith("/test.Stock/Get").startsWith("grpc://127.0.0.1:");
    assertThat(exchange.requestHeaders().get("authorization")).containsExactly(Redaction.REDACTED);
    assertThat(exchange.responseHeaders().get("grpc-status")).containsExactly("0");
    assertThat(exchange.responseHeaders().get("x-checked")).containsExactly("yes");

    // the call and the reflection before it went to the fork by the key, as gRPC; the control
    // request's went to the baseline
    assertThat(env.hopRecords())
        .extracting(HopRecord::path, HopRecord::destination, HopRecord::protocol)
        .containsExactly(
            tuple("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "sbx", "grpc"),
            tuple("/test.Stock/Get", "sbx", "grpc"),
            tuple("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "baseline", "grpc"),
            tuple("/test.Stock/Get", "baseline", "grpc"));
    assertThat(r.coverage().exercised()).containsEntry("inventory", true);
    assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aCallWithoutTheKeyReachesTheBaseline() {
    StepResult stock =
        step(
            run(
                "sbx",
                "{service: inventory, method: /test.Stock/Get, request: {sku: a1},"
                    + " inject: false}"),
            "stock");

    assertThat(stock.verdict()).as(stock.message()).isEqualTo(Verdict.PASS);
    assertThat(stock.outputs()).containsEntry("servedBy", "baseline");
    assertThat(stock.outputs().get("response")).asString().contains("quantity=7");
    assertThat(baseline.calls().get(0).get(HEADER_KEY)).isNull();
    assertThat(stock.exchanges().get(0).label()).isEqualTo("baseline");
  }

  @Test
  void aStatusOtherThanOkIsAnOutputWithItsMessageAndTrailers() {
    StepResult missing =
        step(
            run("sbx", "{service: inventory, method: test.Stock/Get, request: {sku: missing}}"),
            "stock");

    assertThat(missing.verdict()).as(missing.message()).isEqualTo(Verdict.PASS);
    assertThat(missing.outputs())
        .containsEntry("status", "NOT_FOUND")
        .containsEntry("code", 5L)
        .containsEntry("message", "no item 'missing'");
    // a trailers-only answer: its one header block holds the trailers
    assertThat(missing.outputs().get("trailers"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("x-reason", "never stocked")
        .containsEntry("x-checked", "yes");
    assertThat(missing.outputs().get("headers")).isEqualTo(Map.of());
    assertThat(missing.outputs().get("response"))
        .isEqualTo(dev.cel.common.values.NullValue.NULL_VALUE);
    assertThat(missing.message())
        .startsWith("test.Stock/Get on inventory -> NOT_FOUND (no item 'missing')");

    StepResult expected =
        step(
            run(
                "sbx",
                "{service: inventory, method: test.Stock/Get, request: {sku: missing},"
                    + " expectStatus: [OK, 14]}"),
            "stock");
    assertThat(expected.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(expected.message())
        .isEqualTo(
            "status: expected a status in [OK, UNAVAILABLE], got NOT_FOUND: no item 'missing'");
  }

  @Test
  void streamsTheServersResponsesAsAList() {
    StepResult watch =
        step(
            run(
                "sbx",
                "{service: inventory, method: test.Stock/Watch, request: {sku: a1, times: 3}}"),
            "stock");

    assertThat(watch.verdict()).as(watch.message()).isEqualTo(Verdict.PASS);
    assertThat(watch.outputs().get("response"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .hasSize(3);
    assertThat(watch.outputs().get("response"))
        .asString()
        .contains("quantity=1")
        .contains("quantity=2")
        .contains("quantity=3");
  }

  @Test
  void streamsAListOfRequestsFromTheClient() {
    StepResult reserve =
        step(
            run(
                "sbx",
                "{service: inventory, method: test.Stock/Reserve, request: [{sku: a}, {sku: b}]}"),
            "stock");

    assertThat(reserve.verdict()).as(reserve.message()).isEqualTo(Verdict.PASS);
    assertThat(reserve.outputs().get("response"))
        .asString()
        .contains("sku=a+b")
        .contains("quantity=2");
  }

  @Test
  void theDeadlineEndsACallWithItsStatusAsAnOutput() {
    StepResult hang =
        step(run("sbx", "{service: inventory, method: test.Stock/Hang, timeout: 300ms}"), "stock");

    assertThat(hang.verdict()).as(hang.message()).isEqualTo(Verdict.PASS);
    assertThat(hang.outputs()).containsEntry("status", "DEADLINE_EXCEEDED");
  }

  @Test
  void reflectionOnAForkThatIsDownOrNoListenerAtAllIsAnError() {
    fork.close();
    StepResult down =
        step(
            run("sbx", "{service: inventory, method: test.Stock/Get, request: {sku: a1}}"),
            "stock");
    assertThat(down.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(down.message())
        .contains("server reflection on service 'inventory' failed: UNAVAILABLE: ")
        .contains("sbx");
    assertThat(baseline.calls()).isEmpty();

    env.stop("inventory");
    StepResult refused =
        step(
            run(null, "{service: inventory, method: test.Stock/Get, request: {sku: a1}}"), "stock");
    assertThat(refused.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(refused.message())
        .contains("service 'inventory' did not answer at grpc://127.0.0.1:")
        .contains("is the service running and its router listening?");
  }

  @Test
  void anUnknownMethodListsTheMethodsOfTheService() {
    StepResult gett = step(run("sbx", "{service: inventory, method: test.Stock/Gett}"), "stock");
    assertThat(gett.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(gett.message())
        .contains(
            "with.method: 'Gett' is not a method of test.Stock in the server's reflection"
                + " (methods: Get, Restock, Watch, Reserve, Hang)");

    StepResult stok = step(run("sbx", "{service: inventory, method: test.Stok/Get}"), "stock");
    assertThat(stok.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(stok.message())
        .contains(
            "with.method: service 'test.Stok' is not offered by service 'inventory' (its"
                + " reflection lists: grpc.reflection.v1.ServerReflection, test.Stock)");
    assertThat(fork.calls()).isEmpty();
  }

  @Test
  void jsonThatDoesNotFitTheMessageTypeSaysWhyInJsonFormatsWords() {
    StepResult unknown =
        step(
            run("sbx", "{service: inventory, method: test.Stock/Get, request: {skew: a1}}"),
            "stock");
    assertThat(unknown.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(unknown.message())
        .contains(
            "with.request: does not fit test.GetRequest: Cannot find field: skew in message"
                + " test.GetRequest");

    StepResult wrongType =
        step(
            run(
                "sbx",
                "{service: inventory, method: test.Stock/Reserve, request: [{sku: a}, {sku: {x: 1}}]}"),
            "stock");
    assertThat(wrongType.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(wrongType.message()).contains("with.request[1]: does not fit test.GetRequest: ");

    StepResult notANumber =
        step(
            run(
                "sbx",
                "{service: inventory, method: test.Stock/Watch, request: {sku: a, times: three}}"),
            "stock");
    assertThat(notANumber.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(notANumber.message())
        .contains("with.request: does not fit test.WatchRequest: Not an int32 value: \"three\"");

    StepResult list =
        step(
            run("sbx", "{service: inventory, method: test.Stock/Get, request: [{sku: a}]}"),
            "stock");
    assertThat(list.message())
        .contains(
            "with.request: test.Stock/Get takes one request message (it is not client-streaming)");
    assertThat(fork.calls()).isEmpty();
  }

  @Test
  void badInputsNameTheFieldAndTheFix() {
    assertThat(step(run("sbx", "{service: inventory, method: Stock.Get}"), "stock").message())
        .contains("with.method: 'Stock.Get' (expected: package.Service/Method");
    assertThat(step(run("sbx", "{service: stock, method: test.Stock/Get}"), "stock").message())
        .contains(
            "with.service: 'stock' is not a service of environment 'routed' (services:"
                + " inventory)");
    assertThat(
            step(
                    run(
                        "sbx",
                        "{service: inventory, method: test.Stock/Get, metadata: {grpc-timeout: 1S}}"),
                    "stock")
                .message())
        .contains("with.metadata.grpc-timeout: grpc-* names are reserved");
    assertThat(
            step(run("sbx", "{url: 'http://partner.test:1', method: test.Stock/Get}"), "stock")
                .message())
        .contains("with.url: 'http://partner.test:1' (expected: grpc://host:port");
    assertThat(
            step(run("sbx", "{service: inventory, method: test.Stock/Get, request: 7}"), "stock")
                .message())
        .contains(
            "with.request: expected a mapping (the message as JSON) or a list of them, got 7");
    assertThat(
            step(
                    run("sbx", "{service: inventory, method: test.Stock/Get, expectStatus: FINE}"),
                    "stock")
                .message())
        .contains("with.expectStatus: expected a gRPC status name (OK, NOT_FOUND, ...)");
  }

  @Test
  void aServerWithoutReflectionAsksForADescriptorSet() {
    try (StockServer plain = StockServer.start("plain", StockServer.Reflection.NONE);
        RoutedEnvironment other = new RoutedEnvironment().grpcService("inventory", plain.port())) {
      StepResult stock =
          step(run(other, null, "{service: inventory, method: test.Stock/Get}"), "stock");

      assertThat(stock.verdict()).isEqualTo(Verdict.ERROR);
      assertThat(stock.message())
          .contains(
              "with.descriptors: missing, and service 'inventory' offers no server reflection"
                  + " (grpc.reflection.v1 or v1alpha: UNIMPLEMENTED)")
          .contains("protoc --include_imports --descriptor_set_out=FILE.pb FILE.proto");
    }
  }

  @Test
  void fallsBackToTheOlderReflectionVersion() {
    try (StockServer older = StockServer.start("older", StockServer.Reflection.V1ALPHA);
        RoutedEnvironment other = new RoutedEnvironment().grpcService("inventory", older.port())) {
      StepResult stock =
          step(
              run(other, null, "{service: inventory, method: test.Stock/Get, request: {sku: b2}}"),
              "stock");

      assertThat(stock.verdict()).as(stock.message()).isEqualTo(Verdict.PASS);
      assertThat(stock.outputs().get("response")).asString().contains("servedBy=older");
    }
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
