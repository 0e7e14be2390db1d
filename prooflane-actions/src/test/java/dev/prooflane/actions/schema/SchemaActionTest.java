package dev.prooflane.actions.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.expr.Values;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaActionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PRICE_2020 =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id", "price", "currency"],
        "properties": {
          "id": {"type": "integer"},
          "price": {"type": "number", "minimum": 0},
          "currency": {"enum": ["EUR", "USD"]},
          "tags": {"type": "array", "prefixItems": [{"type": "string"}], "items": false}
        }
      }
      """;

  private static final String PRICE_DRAFT7 =
      """
      $schema: http://json-schema.org/draft-07/schema#
      type: object
      required: [price]
      properties:
        price: {type: number}
        tags:
          type: array
          items: [{type: string}]
          additionalItems: false
      definitions:
        sku: {type: string, minLength: 3}
      """;

  private static final String OPENAPI =
      """
      openapi: 3.0.3
      info: {title: pricing, version: "1"}
      paths:
        /prices/{id}:
          get:
            operationId: getPrice
            responses:
              "200":
                description: the price
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Price'}
              "404":
                $ref: '#/components/responses/NotFound'
              default:
                description: any error
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Problem'}
        /health:
          get:
            operationId: health
            responses:
              "204": {description: healthy}
      components:
        responses:
          NotFound:
            description: no such price
            content:
              application/json:
                schema: {$ref: '#/components/schemas/Problem'}
        schemas:
          Price:
            type: object
            required: [id, price]
            properties:
              id: {type: integer}
              price: {type: number}
              discount: {type: number, nullable: true}
          Problem:
            type: object
            required: [title]
            properties:
              title: {type: string}
      """;

  @TempDir Path dir;
  private final SchemaAction action = new SchemaAction();

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("price.json"), PRICE_2020);
    Files.writeString(dir.resolve("price7.yaml"), PRICE_DRAFT7);
    Files.createDirectories(dir.resolve("api"));
    Files.writeString(dir.resolve("api/pricing.yaml"), OPENAPI);
  }

  @Test
  void reportsEveryFailingPathNotJustTheFirst() throws Exception {
    ActionResult r =
        run(
            with(
                "value",
                json("{\"id\":\"x\",\"price\":\"12\",\"currency\":\"GBP\",\"tags\":[\"a\",1]}"),
                "schema",
                "price.json"));

    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(r.outputs().get("valid")).isEqualTo(false);
    assertThat(failures(r))
        .contains(
            "$.id: expected integer, got string",
            "$.price: expected number, got string",
            "$.currency: expected one of [\"EUR\", \"USD\"], got \"GBP\"")
        .anyMatch(f -> f.startsWith("$.tags"));
    assertThat((List<?>) r.outputs().get("errors")).hasSize(failures(r).size());
    assertThat(r.message()).startsWith(failures(r).size() + " violations of price.json");
  }

  @Test
  void reportsMissingRequiredPropertiesAtTheirOwnPath() throws Exception {
    ActionResult r = run(with("value", json("{}"), "schema", "price.json"));

    assertThat(failures(r))
        .containsExactlyInAnyOrder(
            "$.id: required, but missing",
            "$.price: required, but missing",
            "$.currency: required, but missing");
  }

  @Test
  void writesANameThatIsNoIdentifierBracketQuotedAsADiffDoes() throws Exception {
    Files.writeString(
        dir.resolve("headers.json"),
        "{\"type\": \"object\", \"required\": [\"x-id\"],"
            + " \"properties\": {\"x-id\": {\"type\": \"string\"}}}");

    assertThat(failures(run(with("value", json("{}"), "schema", "headers.json"))))
        .containsExactly("$['x-id']: required, but missing");
    assertThat(failures(run(with("value", json("{\"x-id\": 7}"), "schema", "headers.json"))))
        .containsExactly("$['x-id']: expected string, got integer");
  }

  @Test
  void passesAValidValueWithOnePassingAssertion() throws Exception {
    ActionResult r =
        run(
            with(
                "value",
                json("{\"id\":1,\"price\":9.5,\"currency\":\"EUR\"}"),
                "schema",
                "price.json"));

    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.outputs()).containsEntry("valid", true).containsEntry("errors", List.of());
    assertThat(r.assertions()).singleElement().satisfies(a -> assertThat(a.passed()).isTrue());
  }

  @Test
  void followsDraft7WhenTheSchemaSaysSoAndReadsYaml() throws Exception {
    ActionResult draft7 =
        run(with("value", json("{\"price\":1,\"tags\":[\"a\",\"b\"]}"), "schema", "price7.yaml"));
    // draft 7: items as an array is a tuple and additionalItems: false forbids the second item.
    assertThat(failures(draft7)).singleElement().asString().startsWith("$.tags");

    ActionResult draft2020 =
        run(
            with(
                "value",
                json("{\"id\":1,\"price\":1,\"currency\":\"EUR\",\"tags\":[\"a\",\"b\"]}"),
                "schema",
                "price.json"));
    // 2020-12: prefixItems is the tuple and items: false forbids the rest.
    assertThat(failures(draft2020)).singleElement().asString().startsWith("$.tags");
  }

  @Test
  void appliesOnlyTheKeywordsOfTheDraftTheSchemaNames() throws Exception {
    String body = "\"type\":\"object\",\"dependentRequired\":{\"a\":[\"b\"]}}";
    Files.writeString(
        dir.resolve("d7.json"), "{\"$schema\":\"http://json-schema.org/draft-07/schema#\"," + body);
    Files.writeString(dir.resolve("d2020.json"), "{" + body);

    // dependentRequired does not exist in draft 7, so only the 2020-12 schema requires b.
    assertThat(run(with("value", json("{\"a\":1}"), "schema", "d7.json")).verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(failures(run(with("value", json("{\"a\":1}"), "schema", "d2020.json"))))
        .singleElement()
        .asString()
        .startsWith("$:");
  }

  @Test
  void defaultsToDraft2020WithoutSchemaKeyword() throws Exception {
    Files.writeString(
        dir.resolve("tuple.json"),
        "{\"type\":\"array\",\"prefixItems\":[{\"type\":\"integer\"}],\"items\":false}");

    ActionResult r = run(with("value", json("[\"a\", 2]"), "schema", "tuple.json"));

    // Under draft 7 prefixItems would be unknown and ignored; under 2020-12 both items fail.
    assertThat(failures(r)).hasSize(2).anyMatch(f -> f.startsWith("$[0]: expected integer"));
  }

  @Test
  void validatesAnOpenApiResponseByOperationId() throws Exception {
    ActionResult r =
        run(
            with(
                "value", json("{\"id\":\"7\",\"price\":\"cheap\",\"discount\":null}"),
                "openapi", "api/pricing.yaml",
                "operation", "getPrice"));

    assertThat(failures(r))
        .containsExactlyInAnyOrder(
            "$.id: expected integer, got string", "$.price: expected number, got string");
    assertThat(r.message()).contains("GET /prices/{id} (getPrice) 200 application/json");
  }

  @Test
  void validatesAnOpenApiResponseByMethodAndPath() throws Exception {
    Object good = json("{\"id\":7,\"price\":3.5,\"discount\":null}");
    assertThat(
            run(with("value", good, "openapi", "api/pricing.yaml", "operation", "GET /prices/{id}"))
                .verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(
            run(with("value", good, "openapi", "api/pricing.yaml", "operation", "get /prices/42"))
                .verdict())
        .isEqualTo(Verdict.PASS);

    ActionResult nullable =
        run(
            with(
                "value", json("{\"id\":7,\"price\":3.5,\"discount\":\"none\"}"),
                "openapi", "api/pricing.yaml",
                "operation", "GET /prices/{id}"));
    assertThat(failures(nullable)).containsExactly("$.discount: expected number, got string");
  }

  @Test
  void picksTheResponseByStatusThenFallsBackToDefault() throws Exception {
    Object problem = json("{\"title\":\"not found\"}");
    ActionResult notFound =
        run(
            with(
                "value",
                problem,
                "openapi",
                "api/pricing.yaml",
                "operation",
                "getPrice",
                "status",
                404L));
    assertThat(notFound.verdict()).isEqualTo(Verdict.PASS);
    assertThat(notFound.message()).contains(" 404 ");

    ActionResult fallback =
        run(
            with(
                "value", json("{\"detail\":\"boom\"}"),
                "openapi", "api/pricing.yaml",
                "operation", "getPrice",
                "status", "503"));
    assertThat(fallback.message()).contains(" default ");
    assertThat(failures(fallback)).containsExactly("$.title: required, but missing");
  }

  @Test
  void refusesAStatusTheOperationDoesNotDeclare() {
    assertThatThrownBy(
            () ->
                run(
                    with(
                        "value",
                        json("{}"),
                        "openapi",
                        "api/pricing.yaml",
                        "operation",
                        "health",
                        "status",
                        500L)))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.status: no response for 500 in GET /health")
        .hasMessageContaining("declared: 204");
  }

  @Test
  void namesKnownOperationsWhenTheOperationIsUnknown() {
    assertThatThrownBy(
            () ->
                run(
                    with(
                        "value", json("{}"),
                        "openapi", "api/pricing.yaml",
                        "operation", "getPirce")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.operation: no operation with operationId 'getPirce'")
        .hasMessageContaining("GET /prices/{id} getPrice");
  }

  @Test
  void refusesAPathThatEscapesTheSkillFolder() throws IOException {
    Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName() + ".json"), "{}");
    String escape = "../outside-" + dir.getFileName() + ".json";

    assertThatThrownBy(() -> run(with("value", json("{}"), "schema", escape)))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.schema:")
        .hasMessageContaining("escapes the skill folder with '..'");
  }

  @Test
  void refusesAnAbsolutePathEvenInsideTheSkillFolder() {
    String absolute = dir.resolve("price.json").toAbsolutePath().toString();

    assertThatThrownBy(() -> run(with("value", json("{}"), "schema", absolute)))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.schema:")
        .hasMessageContaining("is an absolute path");
  }

  @Test
  void refusesASymlinkThatLeadsOutside(@TempDir Path elsewhere) throws IOException {
    Path secret = Files.writeString(elsewhere.resolve("secret.json"), "{\"type\":\"object\"}");
    Files.createSymbolicLink(dir.resolve("innocent.json"), secret);
    Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("sub/linked"), elsewhere);

    assertThatThrownBy(() -> run(with("value", json("{}"), "schema", "innocent.json")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.schema:")
        .hasMessageContaining("symbolic link that leads outside");
    assertThatThrownBy(
            () ->
                run(
                    with(
                        "value",
                        json("{}"),
                        "openapi",
                        "sub/linked/secret.json",
                        "operation",
                        "x")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("with.openapi:")
        .hasMessageContaining("symbolic link that leads outside");
  }

  @Test
  void refusesAUrlInsteadOfAFile() {
    assertThatThrownBy(
            () -> run(with("value", json("{}"), "schema", "https://example.com/price.json")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("is a URL; files are never fetched");
  }

  @Test
  void neverFetchesARemoteRef() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      server.setSoTimeout(200);
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/price.json";
      Files.writeString(
          dir.resolve("remote.json"), "{\"properties\":{\"price\":{\"$ref\":\"" + url + "\"}}}");

      assertThatThrownBy(() -> run(with("value", json("{\"price\":1}"), "schema", "remote.json")))
          .isInstanceOf(ActionInputException.class)
          .hasMessageContaining("with.schema: $ref '" + url + "' refused")
          .hasMessageContaining("remote references are never fetched");
      // Nobody connected: the reference was refused, not fetched and failed.
      assertThatThrownBy(server::accept).isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void refusesARelativeRefOutsideButFollowsOneInside(@TempDir Path elsewhere) throws Exception {
    Files.createDirectories(dir.resolve("defs"));
    Files.writeString(dir.resolve("defs/money.yaml"), "type: number\nminimum: 0\n");
    Files.writeString(
        dir.resolve("ok.json"), "{\"properties\":{\"price\":{\"$ref\":\"defs/money.yaml\"}}}");
    Files.writeString(elsewhere.resolve("money.json"), "{\"type\":\"number\"}");
    Files.writeString(
        dir.resolve("escape.json"),
        "{\"properties\":{\"price\":{\"$ref\":\"" + elsewhere.toUri() + "money.json\"}}}");

    assertThat(failures(run(with("value", json("{\"price\":-1}"), "schema", "ok.json"))))
        .singleElement()
        .asString()
        .startsWith("$.price: ");
    assertThatThrownBy(() -> run(with("value", json("{\"price\":1}"), "schema", "escape.json")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("outside the skill folder");
  }

  @Test
  void recompilesWhenTheSchemaFileChanges() throws Exception {
    Path file = dir.resolve("flag.json");
    Files.writeString(file, "{\"type\":\"string\"}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(run(with("value", true, "schema", "flag.json")).verdict()).isEqualTo(Verdict.FAIL);

    Files.writeString(file, "{\"type\":\"boolean\"}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    assertThat(run(with("value", true, "schema", "flag.json")).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void requiresExactlyOneOfSchemaOrOpenapi() {
    assertThatThrownBy(() -> run(with("value", 1L)))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("give exactly one of schema");
    assertThatThrownBy(
            () -> run(with("value", 1L, "schema", "price.json", "openapi", "api/pricing.yaml")))
        .isInstanceOf(ActionInputException.class)
        .hasMessageContaining("give exactly one of schema");
  }

  private ActionResult run(Map<String, Object> with) throws Exception {
    return action.run(ActionInput.of(with, "step 'contract'"), new SkillDirContext(dir));
  }

  private static Map<String, Object> with(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static Object json(String text) throws IOException {
    return Values.fromJson(JSON.readTree(text));
  }

  private static List<String> failures(ActionResult r) {
    return r.assertions().stream()
        .filter(a -> !a.passed())
        .map((Assertion a) -> a.path() + ": " + a.message())
        .toList();
  }
}
