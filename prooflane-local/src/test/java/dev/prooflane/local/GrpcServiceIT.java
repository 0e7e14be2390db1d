package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code protocol: grpc} service as a real process: health-checked with the gRPC health protocol,
 * reached through its router listener by a grpc-java client, and forked by a sandbox whose key
 * travels in the call's metadata.
 */
class GrpcServiceIT {
  @TempDir Path dir;
  private LocalRuntime runtime;
  private ManagedChannel channel;
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (runtime != null) {
      runtime.close();
    }
    assertThat(pids)
        .as("no process of ours survives close()")
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
  }

  private Environment environment() throws Exception {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: grpc
        services:
          greeter:
            protocol: grpc
            command:
              - %s
              - -XX:TieredStopAtLevel=1
              - -XX:+UseSerialGC
              - -Xmx64m
              - -cp
              - "%s"
              - %s
            env: {PORT: "${port}"}
            health: {timeout: 60s}
        """
            .formatted(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                GrpcGreeter.class.getName()));
    return EnvironmentReader.read(file);
  }

  private String say(String text, Metadata metadata) {
    return ClientCalls.blockingUnaryCall(
            io.grpc.ClientInterceptors.intercept(
                channel, io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(metadata)),
            GrpcGreeter.SAY,
            CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
            StringValue.of(text))
        .getValue();
  }

  private static Metadata baggage(String key) {
    Metadata metadata = new Metadata();
    metadata.put(
        Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER), "prooflane-key=" + key);
    return metadata;
  }

  @Test
  void aGrpcServiceIsHealthCheckedByGrpcAndItsForkIsReachedByTheKeyInMetadata() throws Exception {
    Environment env = environment();
    assertThat(env.service("greeter").protocol()).isEqualTo(Protocol.GRPC);
    runtime = LocalRuntime.start(env, LocalOptions.of(dir.resolve(".prooflane")), progress::add);
    runtime.services().forEach(s -> pids.add(s.pid()));

    assertThat(progress)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("baseline/greeter: started pid")
                    .endsWith(
                        "waiting for grpc.health.v1.Health/Check of service \"\" to answer"
                            + " SERVING"))
        .anySatisfy(line -> assertThat(line).contains("baseline/greeter: healthy after"));
    assertThat(runtime.logs("greeter", null).tail(50))
        .extracting(line -> line.text())
        .as("the probe asked gRPC health until SERVING: NOT_SERVING first, then SERVING")
        .containsSubsequence(
            "baseline grpc.health.v1.Health/Check baggage=null",
            "baseline grpc.health.v1.Health/Check baggage=null");

    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", runtime.routerPorts().get("greeter"))
            .usePlaintext()
            .build();
    assertThat(say("hi", new Metadata())).isEqualTo("baseline:hi");

    Sandbox sandbox =
        runtime.createSandbox(
            new SandboxSpec(
                "feature",
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(Fork.of("greeter"))),
            progress::add);
    sandbox.forks().forEach(f -> pids.add(f.pid()));
    String key = sandbox.routingKey().value();

    assertThat(say("keyed", baggage(key))).isEqualTo("feature:keyed");
    assertThat(say("unkeyed", new Metadata())).isEqualTo("baseline:unkeyed");
    assertThat(say("other", baggage("not-a-sandbox"))).isEqualTo("baseline:other");
    assertThat(runtime.logs("greeter", "feature").tail(50))
        .extracting(line -> line.text())
        .contains("feature test.Greeter/Say baggage=prooflane-key=" + key);
  }
}
