package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.HealthCheck;
import org.junit.jupiter.api.Test;

class HealthAdviceTest {
  private static final HealthCheck.Probe GRPC = new HealthCheck.GrpcHealth("");

  @Test
  void aNotFoundPathNamesTheSettingAndTheCommonFrameworkPaths() {
    assertThat(HealthAdvice.of("baseline/customers", "/health", "HTTP 404"))
        .hasValue(
            "GET /health answered 404 Not Found: the service serves nothing at /health; set"
                + " services.customers.health.path in the environment file to the path it serves"
                + " (Spring Boot with Actuator: /actuator/health; Quarkus: /q/health/ready;"
                + " Micronaut: /health; see docs/environment.md#health-checks)");
  }

  @Test
  void aNotFoundFollowedByASlowTryStillGetsTheAdvice() {
    assertThat(
            HealthAdvice.of("baseline/vets", "/healthz", "HTTP 404, then no answer within 1200 ms"))
        .hasValueSatisfying(text -> assertThat(text).startsWith("GET /healthz answered 404"));
  }

  @Test
  void aPathThatNeedsCredentialsSaysSo() {
    assertThat(HealthAdvice.of("baseline/gateway", "/admin/health", "HTTP 401"))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith("GET /admin/health answered 401: the health path needs credentials")
                    .contains("services.gateway.health.path"));
    assertThat(HealthAdvice.of("baseline/gateway", "/health", "HTTP 403"))
        .hasValueSatisfying(text -> assertThat(text).contains("answered 403"));
  }

  @Test
  void otherAnswersSayNothingAboutThePath() {
    assertThat(HealthAdvice.of("baseline/pricing", "/health", "HTTP 503")).isEmpty();
    assertThat(HealthAdvice.of("baseline/pricing", "/health", "connection refused")).isEmpty();
    assertThat(HealthAdvice.of("baseline/pricing", "/health", "no answer yet")).isEmpty();
    assertThat(HealthAdvice.of("baseline/pricing", "/health", "")).isEmpty();
  }

  @Test
  void aGrpcServerWithoutTheHealthServiceIsToldToAddItOrCheckAPath() {
    assertThat(HealthAdvice.of("baseline/greeter", GRPC, "gRPC UNIMPLEMENTED: Method not found"))
        .hasValue(
            "the service does not implement grpc.health.v1.Health: add it (grpc-java:"
                + " HealthStatusManager of grpc-services; other gRPC libraries ship one too) or"
                + " set services.greeter.health.path to an HTTP path it serves; see"
                + " docs/environment.md#grpc-health-checks");
  }

  @Test
  void anHttpAnswerToAGrpcCheckSaysTheServiceIsNotGrpc() {
    assertThat(HealthAdvice.of("baseline/web", GRPC, "HTTP 404"))
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .startsWith(
                        "the service answers HTTP/2 but not gRPC; set services.web.protocol"));
  }

  @Test
  void aGrpcServiceNotServingYetGetsNoAdvice() {
    assertThat(HealthAdvice.of("baseline/greeter", GRPC, "health NOT_SERVING")).isEmpty();
    assertThat(HealthAdvice.of("baseline/greeter", GRPC, "connection refused")).isEmpty();
    assertThat(HealthAdvice.of("baseline/greeter", GRPC, "gRPC UNAVAILABLE")).isEmpty();
  }
}
