package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.Environment;
import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped {@code prooflane.yaml} parses and points at main classes that exist. */
class EnvironmentFileTest {
  private static final Path FILE = Path.of("prooflane.yaml");

  private final Environment env = EnvironmentReader.read(FILE);

  @Test
  void declaresTheEightServicesLeavesFirst() {
    assertThat(env.name()).isEqualTo("shop");
    assertThat(env.services().keySet())
        .containsExactly(
            "pricing",
            "warehouse",
            "inventory",
            "catalog",
            "frontend",
            "notifier",
            "orders",
            "reviews");
  }

  @Test
  void declaresTheServerAndTheReviewsDatabaseInitialisedFromItsSqlFiles() {
    Path base = FILE.toAbsolutePath().getParent();

    assertThat(env.postgres()).isPresent();
    assertThat(env.postgres().get().startsServer()).isTrue();
    assertThat(env.postgres().get().port()).isZero();
    assertThat(env.databases()).extracting(DatabaseSection::name).containsExactly("reviews");
    assertThat(env.databases().get(0).init())
        .isEqualTo(
            new DatabaseInit.SqlFiles(
                List.of(
                    base.resolve("sql/reviews-schema.sql"), base.resolve("sql/reviews-seed.sql"))));
    assertThat(env.service("reviews").env())
        .containsEntry("DATABASE_URL", "${databases.reviews.jdbc}");
    assertThat(base.resolve("sql/reviews-v2.sql")).as("the demo's migration").isRegularFile();
  }

  @Test
  void declaresTheBrokerAndRoutesTheNotifiersRecordsWithTheInterceptor() {
    assertThat(env.kafka()).isPresent();
    assertThat(env.kafka().get().topics()).containsExactly("orders");
    assertThat(env.kafka().get().bootstrap()).isEmpty();
    ServiceSpec notifier = env.service("notifier");
    assertThat(notifier.command()).contains("${artifact}:${kafka.interceptor}");
    assertThat(notifier.env())
        .containsEntry("KAFKA_BOOTSTRAP", "${kafka.bootstrap}")
        .containsEntry("GROUP_ID", "notifier-${sandbox}")
        .containsEntry("KAFKA_INTERCEPTORS", "dev.prooflane.kafka.RoutingConsumerInterceptor");
    assertThat(env.service("orders").env()).containsEntry("KAFKA_BOOTSTRAP", "${kafka.bootstrap}");
  }

  @Test
  void warehouseSpeaksGrpcAndIsCheckedWithTheGrpcHealthService() {
    ServiceSpec warehouse = env.service("warehouse");

    assertThat(warehouse.protocol()).isEqualTo(Protocol.GRPC);
    assertThat(warehouse.health().probe()).isEqualTo(new HealthCheck.GrpcHealth(""));
  }

  @Test
  void everyCommandRunsAMainClassFromTheShopJar() throws Exception {
    for (ServiceSpec service : env.services().values()) {
      List<String> command = service.command();
      assertThat(command.get(0)).as(service.name()).isEqualTo("java");
      assertThat(command.get(command.indexOf("-cp") + 1))
          .as(service.name())
          .startsWith("${artifact}");
      assertThat(service.artifact()).as(service.name()).contains("target/shop.jar");
      assertThat(service.workdir()).isEqualTo(FILE.toAbsolutePath().getParent());
      Method main =
          Class.forName(command.get(command.size() - 1)).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).as(service.name()).isTrue();
    }
  }

  @Test
  void wiresEachServiceToItsDownstreamsThroughTheRouter() {
    assertThat(env.service("catalog").env())
        .containsEntry("PRICING_URL", "${services.pricing.url}");
    assertThat(env.service("inventory").env())
        .containsEntry("WAREHOUSE_TARGET", "${services.warehouse.host}:${services.warehouse.port}");
    assertThat(env.service("frontend").env())
        .containsEntry("CATALOG_URL", "${services.catalog.url}")
        .containsEntry("INVENTORY_URL", "${services.inventory.url}");
    for (ServiceSpec service : env.services().values()) {
      assertThat(service.env()).as(service.name()).containsEntry("PORT", "${port}");
      if (service.protocol() == Protocol.HTTP1) {
        assertThat(service.health().path()).as(service.name()).isEqualTo("/health");
      }
    }
  }

  @Test
  void theAsynchronousHopAloneDeclaresTheBrokerAndItsServicesAsTheShopDoes() {
    Environment alone = EnvironmentReader.read(Path.of("prooflane-kafka.yaml"));

    assertThat(alone.kafka()).isEqualTo(env.kafka());
    assertThat(alone.services().keySet()).containsExactly("notifier", "orders");
    for (ServiceSpec service : alone.services().values()) {
      assertThat(service).isEqualTo(env.service(service.name()));
    }
  }

  @Test
  void theSynchronousShopTheAsynchronousHopAndReviewsTogetherAreTheShop() {
    Environment sync = EnvironmentReader.read(Path.of("prooflane-sync.yaml"));
    Environment hop = EnvironmentReader.read(Path.of("prooflane-kafka.yaml"));

    assertThat(sync.name()).isEqualTo(env.name());
    assertThat(sync.kafka()).isEmpty();
    assertThat(sync.postgres()).isEmpty();
    assertThat(hop.postgres()).isEmpty();
    assertThat(sync.databases()).isEmpty();
    assertThat(hop.databases()).isEmpty();
    assertThat(sync.keyNames()).isEqualTo(env.keyNames());
    assertThat(sync.skillDirs()).isEqualTo(env.skillDirs());
    assertThat(sync.tls()).isEqualTo(env.tls());
    assertThat(sync.maxTtl()).isEqualTo(env.maxTtl());
    for (ServiceSpec service : sync.services().values()) {
      assertThat(service).isEqualTo(env.service(service.name()));
    }
    List<String> together = new ArrayList<>(sync.services().keySet());
    together.addAll(hop.services().keySet());
    together.add("reviews");
    assertThat(together).containsExactlyElementsOf(env.services().keySet());
  }
}
