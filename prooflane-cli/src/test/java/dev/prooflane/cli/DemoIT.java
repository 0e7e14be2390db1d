package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run of {@code prooflane demo --json}, as a process; each test reads a part of it. */
class DemoIT {
  @TempDir static Path dir;

  private static CliProcess.Result result;

  @BeforeAll
  static void runDemo() throws Exception {
    result =
        CliProcess.run(
            dir, "demo", "--json", "--requests", "300", "-f", CliProcess.SHOP.toString());
  }

  @Test
  void demoJsonShowsKeyedAndUnkeyedHopsAndIsolation() throws Exception {
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode demo = result.json();
    assertThat(demo.path("sandbox").asText()).isEqualTo("demo-discount");
    assertThat(demo.path("routingKey").asText()).matches("[a-z0-9]{12}");
    assertThat(demo.path("readyMillis").asLong()).isPositive();
    assertThat(demo.path("keyed").path("hops").toString())
        .isEqualTo(
            "[{\"service\":\"frontend\",\"servedBy\":\"baseline\"},{\"service\":\"catalog\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"pricing\",\"servedBy\":\"demo-discount\"},{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"warehouse\",\"servedBy\":\"baseline\"}]");
    assertThat(demo.path("unkeyed").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
    assertThat(demo.path("isolation").path("misroutes").asInt()).isZero();
    assertThat(demo.path("isolation").path("requests").asInt()).isEqualTo(300);
    assertThat(demo.path("isolation").path("sandboxes").toString())
        .isEqualTo("[\"demo-discount\",\"demo-regression\",\"demo-restock\"]");
    assertThat(demo.path("afterDelete").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
  }

  @Test
  void demoForksTheGrpcWarehouseAndShowsWhoServedTheGrpcHop() throws Exception {
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode grpc = result.json().path("grpc");
    assertThat(grpc.path("sandbox").asText()).isEqualTo("demo-restock");
    assertThat(grpc.path("keyed").path("hops").toString())
        .isEqualTo(
            "[{\"service\":\"frontend\",\"servedBy\":\"baseline\"},{\"service\":\"catalog\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"pricing\",\"servedBy\":\"baseline\"},{\"service\":\"inventory\",\"servedBy\":\"baseline\"},"
                + "{\"service\":\"warehouse\",\"servedBy\":\"demo-restock\"}]");
    assertThat(grpc.path("keyed").path("inStock").asBoolean()).isTrue();
    assertThat(grpc.path("unkeyed").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
    assertThat(grpc.path("unkeyed").path("inStock").asBoolean()).isFalse();
    assertThat(grpc.path("afterDelete").path("hops").findValuesAsText("servedBy"))
        .containsOnly("baseline");
    JsonNode warehouseHop = null;
    for (JsonNode hop : result.json().path("hopLog").path("demo-restock")) {
      if ("warehouse".equals(hop.path("service").asText())) {
        warehouseHop = hop;
      }
    }
    assertThat(warehouseHop).as(result.out()).isNotNull();
    assertThat(warehouseHop.path("destination").asText()).isEqualTo("demo-restock");
    assertThat(warehouseHop.path("protocol").asText()).isEqualTo("grpc");
    assertThat(warehouseHop.path("method").asText()).isEqualTo("POST");
    assertThat(warehouseHop.path("path").asText()).isEqualTo("/shop.Warehouse/Stock");
    assertThat(warehouseHop.path("grpcStatus").asInt(-1)).isZero();
    assertThat(result.err())
        .contains("warehouse  served by demo-restock  (gRPC)")
        .contains("[grpc] POST /shop.Warehouse/Stock 200 grpc=0");
  }

  @Test
  void demoForksTheKafkaConsumerAndShowsWhichInstanceConsumedEachOrder() throws Exception {
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode async = result.json().path("async");
    assertThat(async.path("sandbox").asText()).isEqualTo("demo-notify");
    JsonNode keyed = async.path("keyed");
    assertThat(keyed.path("status").asInt()).isEqualTo(202);
    assertThat(keyed.path("topic").asText()).isEqualTo("orders");
    assertThat(keyed.path("servedBy").asText()).isEqualTo("demo-notify");
    assertThat(keyed.path("group").asText()).isEqualTo("notifier-demo-notify");
    assertThat(keyed.path("consumedBy").toString()).isEqualTo("[\"demo-notify\"]");
    JsonNode unkeyed = async.path("unkeyed");
    assertThat(unkeyed.path("topic").asText()).isEqualTo("orders");
    assertThat(unkeyed.path("servedBy").asText()).isEqualTo("baseline");
    assertThat(unkeyed.path("group").asText()).isEqualTo("notifier-baseline");
    assertThat(unkeyed.path("consumedBy").toString()).isEqualTo("[\"baseline\"]");
    assertThat(result.err())
        .containsPattern(
            "with key \\S+: HTTP 202, published to orders/\\d+@\\d+, consumed by demo-notify");
  }

  @Test
  void demoForksReviewsOnABranchOfItsDatabaseAndLeavesTheBaselinesDataAlone() throws Exception {
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode data = result.json().path("data");
    assertThat(data.path("sandbox").asText()).isEqualTo("demo-verified");
    JsonNode branch = data.path("branch");
    assertThat(branch.path("database").asText()).isEqualTo("reviews");
    assertThat(branch.path("name").asText()).isEqualTo("reviews__demo_verified");
    assertThat(branch.path("mode").asText()).isEqualTo("copy");
    assertThat(branch.path("sizeBytes").asLong()).isPositive();
    assertThat(branch.path("tookMillis").asLong()).isNotNegative();
    assertThat(data.path("posted").asInt()).isEqualTo(201);
    assertThat(data.path("keyed").path("servedBy").asText()).isEqualTo("demo-verified");
    assertThat(data.path("keyed").path("reviews").toString()).contains("(verified)");
    assertThat(data.path("unkeyed").path("servedBy").asText()).isEqualTo("baseline");
    assertThat(data.path("unkeyed").path("reviews").size()).isZero();
    assertThat(data.path("branchesAfterDelete").asInt()).isZero();
  }
}
