package dev.prooflane.actions.grpc;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.check.CheckAction;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.http.Redaction;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.RoutedEnvironment;
import dev.prooflane.actions.testing.SkillRuns;
import io.grpc.Metadata;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skills that use {@code grpc} through the engine: with {@code check}, {@code schema} and {@code
 * diff} on its outputs, with a descriptor-set file in the skill folder, in coverage, and under the
 * policy's write guard and {@code http.allow}.
 */
class GrpcSkillTest {
  private static final String KEY = "k7q2m9x4z1ab";

  @TempDir Path skills;

  private StockServer baseline;
  private StockServer fork;
  private StockServer catalog;
  private StockServer catalogFork;
  private RoutedEnvironment env;

  @BeforeEach
  void start() {
    baseline = StockServer.start("baseline", StockServer.Reflection.NONE);
    fork = StockServer.start("fork", StockServer.Reflection.NONE);
    catalog = StockServer.start("catalog");
    catalogFork = StockServer.start("catalog-fork");
    env =
        new RoutedEnvironment()
            .grpcService("inventory", baseline.port())
            .grpcService("catalog", catalog.port())
            .sandbox("sbx", KEY, Map.of("inventory", fork.port()))
            .sandbox(
                "wide",
                "wide1key",
                Map.of("inventory", fork.port(), "catalog", catalogFork.port()));
  }

  @AfterEach
  void stop() {
    env.close();
    baseline.close();
    fork.close();
    catalog.close();
    catalogFork.close();
  }

  private SkillCatalog folder(String name, String yaml) throws Exception {
    Files.write(skills.resolve("stock.pb"), StockProto.descriptorSet());
    Files.writeString(skills.resolve(name + ".yaml"), yaml);
    return SkillCatalog.load(List.of(skills), ActionCatalog.builtIn().names());
  }

  @Test
  void checksSchemasAndDiffsTheOutputsOfACallDescribedByADescriptorSetFile() throws Exception {
    // the skill docs/skills.md shows, with the descriptor set of stock.proto beside it
    Path example = Path.of("src/test/resources/skills/grpc");
    for (String file : List.of("item.schema.json", "stock-visible.yaml")) {
      Files.copy(example.resolve(file), skills.resolve(file));
    }
    Files.write(skills.resolve("stock.pb"), StockProto.descriptorSet());
    SkillCatalog catalogOfSkills =
        SkillCatalog.load(List.of(skills), ActionCatalog.builtIn().names());

    RunResult r = SkillRuns.run(env, catalogOfSkills, "stock-visible", "sbx", Map.of());

    assertThat(r.steps())
        .allSatisfy(
            s -> assertThat(s.verdict()).as(s.id() + ": " + s.message()).isEqualTo(Verdict.PASS));
    assertThat(step(r, "stock").outputs().get("response"))
        .asString()
        .contains("updated=2026-01-02T03:04:05Z");
    StepResult changed = step(r, "changed");
    assertThat(changed.outputs().get("sandbox"))
        .asString()
        .contains("status=OK")
        .contains("quantity=3")
        .contains("servedBy=sbx");
    assertThat(changed.outputs().get("baseline")).asString().contains("quantity=7");
    assertThat(changed.message()).isEqualTo("2 expected difference(s): $.quantity, $.servedBy");
    assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void diffComparesTheStatusesOfTwoCalls() throws Exception {
    SkillCatalog catalogOfSkills =
        folder(
            "missing",
            """
            name: missing
            description: d
            whenToUse: w
            steps:
              - id: same
                action: diff
                with:
                  service: inventory
                  method: test.Stock/Get
                  request: { sku: missing }
                  descriptors: stock.pb
            """);

    StepResult same = step(SkillRuns.run(env, catalogOfSkills, "missing", "sbx", Map.of()), "same");

    assertThat(same.verdict()).as(same.message()).isEqualTo(Verdict.PASS);
    assertThat(same.outputs()).containsEntry("equal", true);
    assertThat(same.outputs().get("sandbox")).asString().contains("status=NOT_FOUND");
  }

  @Test
  void theRoutersUnavailableForAForkThatIsDownIsAStatusOutput() throws Exception {
    fork.close();
    SkillCatalog catalogOfSkills =
        folder(
            "down",
            """
            name: down
            description: d
            whenToUse: w
            steps:
              - id: stock
                action: grpc
                with:
                  service: inventory
                  method: test.Stock/Get
                  descriptors: stock.pb
            """);

    StepResult stock = step(SkillRuns.run(env, catalogOfSkills, "down", "sbx", Map.of()), "stock");

    assertThat(stock.verdict()).as(stock.message()).isEqualTo(Verdict.PASS);
    assertThat(stock.outputs()).containsEntry("status", "UNAVAILABLE");
    assertThat((String) stock.outputs().get("message")).contains("sbx").contains("inventory");
    assertThat(baseline.calls()).isEmpty();
  }

  @Test
  void aForkedServiceNoKeyedCallReachedMakesTheRunInconclusive() {
    RunResult r =
        SkillRuns.run(
            env,
            "wide",
            Map.of(),
            parse(
                "only-catalog",
                """
                name: only-catalog
                description: d
                whenToUse: w
                steps:
                  - id: item
                    action: grpc
                    with: { service: catalog, method: test.Stock/Get, request: { sku: a1 } }
                """));

    assertThat(step(r, "item").verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.coverage().exercised())
        .containsEntry("catalog", true)
        .containsEntry("inventory", false);
    assertThat(r.coverage().keyedHops())
        .anySatisfy(
            h -> {
              assertThat(h.service()).isEqualTo("catalog");
              assertThat(h.path()).isEqualTo("/test.Stock/Get");
              assertThat(h.destination()).isEqualTo("wide");
            });
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.message()).contains("inventory");
  }

  @Test
  void theWriteGuardTakesACallForAWriteUnlessItsMethodHasNoSideEffects() {
    String skill =
        """
        name: baseline-calls
        description: d
        whenToUse: w
        steps:
          - id: read
            action: grpc
            with: { service: catalog, method: test.Stock/Get, request: { sku: a1 } }
          - id: write
            action: grpc
            with: { service: catalog, method: test.Stock/Restock, request: { sku: a1 } }
        """;

    RunResult r = SkillRuns.run(env, null, Map.of(), parse("baseline-calls", skill));

    assertThat(step(r, "read").verdict()).isEqualTo(Verdict.PASS);
    StepResult write = step(r, "write");
    assertThat(write.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(write.message())
        .contains(
            "POST /test.Stock/Restock to the baseline service 'catalog' is a write without the"
                + " routing key; allow it with writes.allow [{service: catalog, methods: [POST],"
                + " path: /test.Stock/Restock}]");
    assertThat(catalog.calls()).hasSize(1);

    RunResult allowed =
        SkillRuns.run(SkillRuns.ALLOW_WRITES, env, null, Map.of(), parse("baseline-calls", skill));
    assertThat(step(allowed, "write").outputs().get("response"))
        .asString()
        .contains("quantity=100");
  }

  @Test
  void callsAnExternalHostOnlyWhenThePolicyAllowsItAndNeverWithTheKey() {
    String allowed =
        """
        http:
          allow: [{host: partner.test, methods: [POST]}]
          privateNetworks: [127.0.0.1/32]
        """;
    String with = "{url: 'grpc://partner.test:%d', method: test.Stock/Get, request: {sku: x9}}";

    RunResult refused = external("http: {privateNetworks: [127.0.0.1/32]}", with);
    assertThat(step(refused, "call").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(refused, "call").message())
        .contains(
            "refused by policy http.allow: step 'call': POST http://partner.test:"
                + catalog.port()
                + "/test.Stock/Get: host 'partner.test' is not in http.allow");
    RunResult getOnly =
        external("http: {allow: [partner.test], privateNetworks: [127.0.0.1/32]}", with);
    assertThat(step(getOnly, "call").message()).contains("add POST to its methods");
    assertThat(catalog.calls()).isEmpty();

    RunResult r = external(allowed, with);
    StepResult call = step(r, "call");
    assertThat(call.verdict()).as(call.message()).isEqualTo(Verdict.PASS);
    assertThat(call.outputs()).containsEntry("status", "OK").containsEntry("hops", List.of());
    assertThat(call.outputs().get("url"))
        .isEqualTo("grpc://partner.test:" + catalog.port() + "/test.Stock/Get");
    assertThat(call.exchanges().get(0).label()).isEqualTo("external");
    Metadata seen = catalog.calls().get(0);
    assertThat(seen.get(Metadata.Key.of("x-prooflane-key", Metadata.ASCII_STRING_MARSHALLER)))
        .isNull();
    assertThat(seen.get(Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER))).isNull();
  }

  /** Runs one {@code grpc} step against sandbox sbx, with partner.test resolving to loopback. */
  private RunResult external(String policy, String with) {
    HostResolver resolver =
        host -> {
          if (!host.equals("partner.test")) {
            throw new UnknownHostException(host);
          }
          return List.of(InetAddress.getByName("127.0.0.1"));
        };
    Policy p = PolicyReader.parse("policy.yaml", policy, ActionCatalog.builtIn().names());
    ActionCatalog actions =
        ActionCatalog.of(List.of(new GrpcAction(Redaction.DEFAULT, resolver), new CheckAction()));
    return SkillRuns.run(
        actions, p, env, "sbx", SkillRuns.oneStep("call", "grpc", with.formatted(catalog.port())));
  }
}
