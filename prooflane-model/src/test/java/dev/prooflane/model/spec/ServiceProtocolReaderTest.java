package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.Environment;
import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** {@code protocol:} per service, and what {@code health:} means for each protocol. */
class ServiceProtocolReaderTest {
  private static final Path FILE = Path.of("/tmp/env/prooflane.yaml");

  private static Environment read(String yaml) {
    return EnvironmentReader.parse(FILE, yaml);
  }

  @Test
  void aServiceSpeaksHttp1WithAGetOfHealthUnlessItSaysOtherwise() {
    Environment env = read("services:\n  a: {command: run}\n");

    assertThat(env.service("a").protocol()).isEqualTo(Protocol.HTTP1);
    assertThat(env.service("a").health()).isEqualTo(HealthCheck.DEFAULT);
  }

  @Test
  void readsEachProtocolByItsName() {
    Environment env =
        read(
            """
            services:
              a: {command: run, protocol: http1}
              b: {command: run, protocol: h2c}
              c: {command: run, protocol: grpc}
            """);

    assertThat(env.services().values())
        .extracting(s -> s.protocol())
        .containsExactly(Protocol.HTTP1, Protocol.H2C, Protocol.GRPC);
  }

  @Test
  void aGrpcServiceIsCheckedWithTheGrpcHealthProtocolOfTheWholeServerByDefault() {
    Environment env =
        read(
            """
            services:
              greeter: {command: run, protocol: grpc}
              timed: {command: run, protocol: grpc, health: {timeout: 5s}}
            """);

    assertThat(env.service("greeter").health().probe()).isEqualTo(new HealthCheck.GrpcHealth(""));
    assertThat(env.service("greeter").health().timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(env.service("timed").health().probe()).isEqualTo(new HealthCheck.GrpcHealth(""));
    assertThat(env.service("timed").health().timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void healthGrpcNamesTheServiceChecked() {
    Environment env =
        read(
            """
            services:
              named: {command: run, protocol: grpc, health: {grpc: shop.v1.Greeter}}
              whole: {command: run, protocol: grpc, health: {grpc: ""}}
              bare: {command: run, protocol: grpc, health: {grpc: }}
              mixed: {command: run, protocol: h2c, health: {grpc: shop.Mixed}}
            """);

    assertThat(env.service("named").health().probe())
        .isEqualTo(new HealthCheck.GrpcHealth("shop.v1.Greeter"));
    assertThat(env.service("whole").health().probe()).isEqualTo(new HealthCheck.GrpcHealth(""));
    assertThat(env.service("bare").health().probe()).isEqualTo(new HealthCheck.GrpcHealth(""));
    assertThat(env.service("mixed").health().probe())
        .isEqualTo(new HealthCheck.GrpcHealth("shop.Mixed"));
  }

  @Test
  void healthPathOfAnHttp2ServiceIsAnHttpGet() {
    Environment env =
        read(
            """
            services:
              grpc-with-http: {command: run, protocol: grpc, health: {path: /ready}}
              plain-h2c: {command: run, protocol: h2c}
            """);

    assertThat(env.service("grpc-with-http").health().probe())
        .isEqualTo(new HealthCheck.HttpGet("/ready"));
    assertThat(env.service("plain-h2c").health()).isEqualTo(HealthCheck.DEFAULT);
  }

  @Test
  void anUnknownProtocolNamesTheFieldAndTheAllowedValues() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    services:
                      a:
                        command: run
                        protocol: http2
                      b: {command: run, protocol: GRPC}
                      c: {command: run, protocol: [grpc]}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SpecProblem::line, SpecProblem::field, SpecProblem::message)
                    .containsExactly(
                        Tuple.tuple(
                            4,
                            "services.a.protocol",
                            "'http2' (expected: http1, h2c or grpc; HTTP/2 in cleartext is h2c)"),
                        Tuple.tuple(
                            5,
                            "services.b.protocol",
                            "'GRPC' (expected: http1, h2c or grpc; did you mean 'grpc'?)"),
                        Tuple.tuple(6, "services.c.protocol", "expected a text value, got a list")))
        .hasMessageContaining(
            "prooflane.yaml:4:15: services.a.protocol: 'http2' (expected: http1, h2c or grpc;");
  }

  @Test
  void aGrpcHealthCheckNeedsAnHttp2ServiceAndExcludesAPath() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    services:
                      plain: {command: run, health: {grpc: ""}}
                      both: {command: run, protocol: grpc, health: {path: /h, grpc: ""}}
                      bad-name: {command: run, protocol: grpc, health: {grpc: "not a name"}}
                      typo: {command: run, protocol: grpc, health: {grcp: ""}}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SpecProblem::field, SpecProblem::message)
                    .containsExactly(
                        Tuple.tuple(
                            "services.plain.health.grpc",
                            "a gRPC health check of a service that speaks http1 (set the"
                                + " service's protocol: grpc, or check an HTTP path with 'path')"),
                        Tuple.tuple(
                            "services.both.health.grpc",
                            "both 'path' and 'grpc' are set (keep 'path' for an HTTP GET, or"
                                + " 'grpc' for the gRPC health check)"),
                        Tuple.tuple(
                            "services.bad-name.health.grpc",
                            "'not a name' (expected: a gRPC service name such as"
                                + " my.package.Greeter, or \"\" for the whole server)"),
                        Tuple.tuple(
                            "services.typo.health.grcp",
                            "unknown field (did you mean 'grpc'? known fields: grpc, interval,"
                                + " path, timeout)")));
  }

  @Test
  void theModelRefusesAGrpcHealthCheckOfAnHttp1Service() {
    assertThatThrownBy(
            () ->
                new dev.prooflane.model.ServiceSpec(
                    "a",
                    java.util.List.of("run"),
                    Path.of("/tmp"),
                    java.util.Map.of(),
                    0,
                    java.util.Optional.empty(),
                    HealthCheck.defaultFor(Protocol.GRPC),
                    Protocol.HTTP1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "health: a gRPC health check of a service that speaks http1 (expected: protocol grpc"
                + " or h2c)");
  }
}
