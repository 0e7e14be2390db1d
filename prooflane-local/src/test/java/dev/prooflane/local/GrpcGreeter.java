package dev.prooflane.local;

import com.google.protobuf.StringValue;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC service the runtime tests run as a real process (grpc-java): {@code test.Greeter/Say}
 * answers {@code <sandbox>:<request>}, and grpc-services' health service says NOT_SERVING to the
 * first health check and SERVING from the second on, as a service still warming up would. It logs
 * every call with its {@code baggage}.
 */
public final class GrpcGreeter {
  /** {@code test.Greeter/Say}: a {@code google.protobuf.StringValue} in and out. */
  public static final MethodDescriptor<StringValue, StringValue> SAY =
      MethodDescriptor.<StringValue, StringValue>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Greeter/Say")
          .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .build();

  private static final Metadata.Key<String> BAGGAGE =
      Metadata.Key.of("baggage", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcGreeter() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(System.getenv("PORT"));
    String servedBy = System.getenv().getOrDefault("PROOFLANE_SANDBOX", "baseline");
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.NOT_SERVING);
    AtomicInteger checks = new AtomicInteger();
    ServerServiceDefinition greeter =
        ServerServiceDefinition.builder("test.Greeter")
            .addMethod(
                SAY,
                ServerCalls.asyncUnaryCall(
                    (request, out) -> {
                      out.onNext(StringValue.of(servedBy + ":" + request.getValue()));
                      out.onCompleted();
                    }))
            .build();
    ServerInterceptor log =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            System.out.println(servedBy + " " + method + " baggage=" + headers.get(BAGGAGE));
            if (method.startsWith("grpc.health.v1.Health/") && checks.incrementAndGet() == 2) {
              health.setStatus("", ServingStatus.SERVING);
            }
            return next.startCall(call, headers);
          }
        };
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(ServerInterceptors.intercept(greeter, log))
            .addService(ServerInterceptors.intercept(health.getHealthService(), log))
            .build()
            .start();
    System.out.println("greeter " + servedBy + " listening on " + port);
    server.awaitTermination();
  }
}
