package dev.prooflane.actions.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;
import io.grpc.BindableService;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real gRPC server (grpc-java, Netty transport) on loopback serving {@code test.Stock} with
 * DynamicMessage handlers: {@code Get} answers an item whose quantity says who served it (7 for the
 * baseline, 3 otherwise), or NOT_FOUND with a trailer for sku {@code missing}. Every answer carries
 * the header {@code x-served-by} and the trailer {@code x-checked}; it remembers the metadata of
 * every Stock call. Server reflection v1, v1alpha or none.
 */
final class StockServer implements AutoCloseable {
  static final Metadata.Key<String> SERVED_BY =
      Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> CHECKED =
      Metadata.Key.of("x-checked", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> REASON =
      Metadata.Key.of("x-reason", Metadata.ASCII_STRING_MARSHALLER);

  /** Which server reflection the server offers. */
  enum Reflection {
    V1,
    V1ALPHA,
    NONE
  }

  private final String name;
  private final Server server;
  private final ConcurrentLinkedQueue<Metadata> calls = new ConcurrentLinkedQueue<>();

  private StockServer(String name, Reflection reflection) throws IOException {
    this.name = name;
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(stock(), new Recorder()));
    if (reflection != Reflection.NONE) {
      builder.addService(reflection(reflection));
    }
    this.server = builder.build().start();
  }

  static StockServer start(String name) {
    return start(name, Reflection.V1);
  }

  static StockServer start(String name, Reflection reflection) {
    try {
      return new StockServer(name, reflection);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** The metadata of every Stock call, in arrival order. */
  List<Metadata> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  @SuppressWarnings("deprecation") // v1alpha: the version older servers offer
  private static BindableService reflection(Reflection reflection) {
    return reflection == Reflection.V1
        ? ProtoReflectionServiceV1.newInstance()
        : io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  private ServerServiceDefinition stock() {
    ServiceDescriptor.Builder service =
        ServiceDescriptor.newBuilder("test.Stock")
            .setSchemaDescriptor((ProtoFileDescriptorSupplier) () -> StockProto.FILE);
    Map<String, io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage>> methods = new HashMap<>();
    for (MethodDescriptor m : StockProto.STOCK.getMethods()) {
      io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpc = grpcMethod(m);
      methods.put(m.getName(), grpc);
      service.addMethod(grpc);
    }
    ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service.build());
    definition.addMethod(
        methods.get("Get"),
        ServerCalls.asyncUnaryCall(
            (in, out) -> {
              String sku = text(in, "sku");
              if (sku.equals("missing")) {
                Metadata trailers = new Metadata();
                trailers.put(REASON, "never stocked");
                out.onError(
                    Status.NOT_FOUND
                        .withDescription("no item '" + sku + "'")
                        .asRuntimeException(trailers));
                return;
              }
              reply(out, item(sku, name.equals("baseline") ? 7 : 3));
            }));
    definition.addMethod(
        methods.get("Restock"),
        ServerCalls.asyncUnaryCall((in, out) -> reply(out, item(text(in, "sku"), 100))));
    definition.addMethod(
        methods.get("Watch"),
        ServerCalls.asyncServerStreamingCall(
            (in, out) -> {
              int times = (Integer) in.getField(field(in.getDescriptorForType(), "times"));
              for (int i = 1; i <= times; i++) {
                out.onNext(item(text(in, "sku"), i));
              }
              out.onCompleted();
            }));
    definition.addMethod(
        methods.get("Reserve"),
        ServerCalls.asyncClientStreamingCall(
            out -> {
              List<String> skus = new ArrayList<>();
              return new StreamObserver<DynamicMessage>() {
                @Override
                public void onNext(DynamicMessage value) {
                  skus.add(text(value, "sku"));
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                  reply(out, item(String.join("+", skus), skus.size()));
                }
              };
            }));
    definition.addMethod(
        methods.get("Hang"),
        ServerCalls.asyncUnaryCall(
            (in, out) -> {
              // never answers: the caller's deadline ends the call
            }));
    return definition.build();
  }

  private DynamicMessage item(String sku, int quantity) {
    Descriptor item = StockProto.FILE.findMessageTypeByName("Item");
    return DynamicMessage.newBuilder(item)
        .setField(field(item, "sku"), sku)
        .setField(field(item, "quantity"), quantity)
        .setField(field(item, "served_by"), name)
        .setField(
            field(item, "updated"),
            Timestamp.newBuilder().setSeconds(1_767_323_045L).build()) // 2026-01-02T03:04:05Z
        .build();
  }

  private static String text(DynamicMessage message, String field) {
    return (String) message.getField(field(message.getDescriptorForType(), field));
  }

  private static com.google.protobuf.Descriptors.FieldDescriptor field(
      Descriptor type, String name) {
    return type.findFieldByName(name);
  }

  private static void reply(StreamObserver<DynamicMessage> out, DynamicMessage message) {
    out.onNext(message);
    out.onCompleted();
  }

  private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(
      MethodDescriptor method) {
    io.grpc.MethodDescriptor.MethodType type =
        method.isServerStreaming()
            ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
            : method.isClientStreaming()
                ? io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY;
    return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(type)
        .setFullMethodName("test.Stock/" + method.getName())
        .setRequestMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
        .setResponseMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
        .build();
  }

  /** Remembers each call's metadata; adds {@code x-served-by} and {@code x-checked}. */
  private final class Recorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      calls.add(headers);
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
              responseHeaders.put(SERVED_BY, name);
              super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
              trailers.put(CHECKED, "yes");
              super.close(status, trailers);
            }
          },
          headers);
    }
  }
}
