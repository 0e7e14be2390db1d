package dev.prooflane.kubernetes.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import org.junit.jupiter.api.Test;

class CrdSchemasTest {
  private static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) Manifests.yaml().readTree(text);
  }

  @Test
  void acceptsTheFixtureVirtualServiceAndHttpRoute() {
    for (JsonNode o : Fixtures.baseline()) {
      String kind = Manifests.kind(o);
      if (kind.equals("VirtualService") || kind.equals("HTTPRoute")) {
        assertThat(CrdSchemas.problems(o)).as(Manifests.describe(o)).isEmpty();
      }
    }
  }

  @Test
  void rejectsAMisspeltFieldThatTheApiServerWouldSilentlyDrop() throws Exception {
    ObjectNode vs =
        yaml(
            """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: x, namespace: shop}
            spec:
              hosts: [pricing]
              http:
              - matches: [{headers: {baggage: {regex: "x"}}}]
                route: [{destination: {host: pricing}}]
            """);

    assertThat(CrdSchemas.problems(vs)).singleElement().asString().contains("matches");
  }

  @Test
  void rejectsAnHttpRouteWithMoreThanSixteenRules() throws Exception {
    ObjectNode route =
        yaml(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: x, namespace: shop}
            spec:
              parentRefs: [{group: "", kind: Service, name: pricing}]
            """);
    var rules = ((ObjectNode) route.get("spec")).putArray("rules");
    for (int i = 0; i < 17; i++) {
      rules.addObject().putArray("backendRefs").addObject().put("name", "pricing").put("port", 80);
    }

    assertThat(CrdSchemas.problems(route)).isNotEmpty();
  }

  @Test
  void rejectsAWrongHeaderMatchTypeInTheDeclaredVersion() throws Exception {
    ObjectNode vs =
        yaml(
            """
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: x, namespace: shop}
            spec:
              hosts: [pricing]
              http:
              - match: [{headers: {baggage: "k7q2"}}]
                route: [{destination: {host: pricing}}]
            """);

    assertThat(CrdSchemas.problems(vs)).isNotEmpty();
  }

  @Test
  void rejectsAGrpcRouteThatMatchesAPathOrAHeaderByPrefix() throws Exception {
    String route =
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: x, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: stock, port: 9090}]
          rules:
          - matches: [%s]
            backendRefs: [{name: stock-pr-44, port: 9090}]
        """;
    String exact = "{headers: [{type: Exact, name: x-prooflane-key, value: k}]}";

    assertThat(CrdSchemas.problems(yaml(route.formatted(exact)))).isEmpty();
    assertThat(CrdSchemas.problems(yaml(route.formatted("{path: {type: PathPrefix, value: /}}"))))
        .singleElement()
        .asString()
        .contains("path");
    assertThat(CrdSchemas.problems(yaml(route.formatted(exact.replace("Exact", "Prefix")))))
        .isNotEmpty();
  }
}
