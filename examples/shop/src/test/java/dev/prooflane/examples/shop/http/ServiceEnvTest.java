package dev.prooflane.examples.shop.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceEnvTest {
  @Test
  void missingPortNamesTheVariableAndTheFix() {
    ServiceEnv env = ServiceEnv.of("pricing", Map.of());

    assertThatThrownBy(env::port)
        .isInstanceOf(SettingException.class)
        .hasMessage(
            "pricing: environment variable PORT is not set (set it to the port to listen on, e.g."
                + " PORT=8080)")
        .extracting(e -> ((SettingException) e).variable())
        .isEqualTo("PORT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "65536", "-1"})
  void malformedPortIsRejected(String port) {
    ServiceEnv env = ServiceEnv.of("pricing", Map.of("PORT", port));

    assertThatThrownBy(env::port)
        .hasMessage("pricing: PORT='" + port + "' (expected: a port number from 1 to 65535)");
  }

  @Test
  void portIsRead() {
    assertThat(ServiceEnv.of("pricing", Map.of("PORT", "8082")).port()).isEqualTo(8082);
  }

  @Test
  void servedByIsTheSandboxOrBaseline() {
    assertThat(ServiceEnv.of("pricing", Map.of()).servedBy()).isEqualTo("baseline");
    assertThat(ServiceEnv.of("pricing", Map.of("PROOFLANE_SANDBOX", " ")).servedBy())
        .isEqualTo("baseline");
    assertThat(ServiceEnv.of("pricing", Map.of("PROOFLANE_SANDBOX", "pr-42")).servedBy())
        .isEqualTo("pr-42");
  }

  @Test
  void missingDownstreamUrlNamesTheVariable() {
    ServiceEnv env = ServiceEnv.of("catalog", Map.of("PORT", "8081"));

    assertThatThrownBy(() -> env.url("PRICING_URL", "pricing"))
        .hasMessageStartingWith("catalog: environment variable PRICING_URL is not set")
        .hasMessageContaining("base URL of the pricing service");
  }

  @Test
  void downstreamUrlMustBeHttp() {
    ServiceEnv env = ServiceEnv.of("catalog", Map.of("PRICING_URL", "localhost:8082"));

    assertThatThrownBy(() -> env.url("PRICING_URL", "pricing"))
        .hasMessage(
            "catalog: PRICING_URL='localhost:8082' (expected: an http:// URL such as"
                + " http://127.0.0.1:8082)");
  }

  @Test
  void downstreamUrlLosesItsTrailingSlash() {
    ServiceEnv env = ServiceEnv.of("catalog", Map.of("PRICING_URL", "http://127.0.0.1:8082/"));

    assertThat(env.url("PRICING_URL", "pricing")).isEqualTo(URI.create("http://127.0.0.1:8082"));
  }

  @Test
  void grpcTargetIsHostAndPort() {
    ServiceEnv env = ServiceEnv.of("inventory", Map.of("WAREHOUSE_TARGET", " 127.0.0.1:8084 "));

    assertThat(env.target("WAREHOUSE_TARGET", "warehouse")).isEqualTo("127.0.0.1:8084");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "http://127.0.0.1:8084", ":8084", "127.0.0.1:0", "a:b"})
  void malformedGrpcTargetIsRejected(String target) {
    ServiceEnv env = ServiceEnv.of("inventory", Map.of("WAREHOUSE_TARGET", target));

    assertThatThrownBy(() -> env.target("WAREHOUSE_TARGET", "warehouse"))
        .hasMessage(
            "inventory: WAREHOUSE_TARGET='"
                + target
                + "' (expected: host:port such as 127.0.0.1:8084)");
  }
}
