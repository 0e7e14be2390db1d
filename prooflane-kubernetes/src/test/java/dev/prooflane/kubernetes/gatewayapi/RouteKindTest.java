package dev.prooflane.kubernetes.gatewayapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteKindTest {
  private static ServicePort port(String name, String appProtocol) {
    return new ServicePortBuilder()
        .withName(name.isEmpty() ? null : name)
        .withAppProtocol(appProtocol.isEmpty() ? null : appProtocol)
        .withPort(9090)
        .build();
  }

  @ParameterizedTest(name = "name {0}, appProtocol {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''           | grpc               | GRPC",
        "api          | GRPC               | GRPC",
        "http         | grpc               | GRPC",
        "grpc         | ''                 | GRPC",
        "grpc-api     | ''                 | GRPC",
        "grpc         | http               | HTTP",
        "grpc         | kubernetes.io/h2c  | HTTP",
        "api          | kubernetes.io/h2c  | HTTP",
        "grpc-web     | ''                 | HTTP",
        "grpc-web-ui  | ''                 | HTTP",
        "api          | grpc-web           | HTTP",
        "grpcapi      | ''                 | HTTP",
        "http         | ''                 | HTTP",
        "''           | ''                 | HTTP",
      })
  void aPortSpeaksGrpcByItsAppProtocolElseByItsName(
      String name, String appProtocol, RouteKind expected) {
    assertThat(RouteKind.forPort(port(name, appProtocol))).isEqualTo(expected);
  }
}
