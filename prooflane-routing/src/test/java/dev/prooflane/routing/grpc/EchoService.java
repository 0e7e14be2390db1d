package dev.prooflane.routing.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server (grpc-java, Netty transport) on loopback with the four kinds of method, each
 * answering with its own name: unary {@code Say}, server-streaming {@code Count}, client-streaming
 * {@code Join}, bidirectional {@code Chat}, plus {@code Fail} (NOT_FOUND) and {@code Slow}. Every
 * answer carries the trailer {@code x-served-by}; it remembers the metadata of every call.
 */
public final class EchoService implements AutoCloseable {
  public static final MethodDescriptor.Marshaller<String> TEXT =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  public static final MethodDescriptor<String, String> SAY =
      method("Say", MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> COUNT =
      method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
  public static final MethodDescriptor<String, String> JOIN =
      method("Join", MethodDescriptor.MethodType.CLIENT_STREAMING);
  public static final MethodDescriptor<String, String> CHAT =
      method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING);
  public static final MethodDescriptor<String, String> FAIL =
      method("Fail", MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> SLOW =
      method("Slow", MethodDescriptor.MethodType.UNARY);

  public static final Metadata.Key<String> SERVED_BY =
      Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER);

  private final String name;
  private final Server server;
  private final ConcurrentLinkedQueue<Metadata> calls = new ConcurrentLinkedQueue<>();
  private final CountDownLatch slowCancelled = new CountDownLatch(1);

  private EchoService(String name) throws IOException {
    this.name = name;
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(SAY, ServerCalls.asyncUnaryCall((in, out) -> reply(out, name + ":" + in)))
            .addMethod(
                COUNT,
                ServerCalls.asyncServerStreamingCall(
                    (in, out) -> {
                      for (int i = 1; i <= Integer.parseInt(in); i++) {
                        out.onNext(name + ":" + i);
                      }
                      out.onCompleted();
                    }))
            .addMethod(
                JOIN,
                ServerCalls.asyncClientStreamingCall(
                    out -> {
                      List<String> parts = new ArrayList<>();
                      return observer(
                          parts::add, () -> reply(out, name + ":" + String.join("+", parts)));
                    }))
            .addMethod(
                CHAT,
                ServerCalls.asyncBidiStreamingCall(
                    out -> observer(in -> out.onNext(name + ":" + in), out::onCompleted)))
            .addMethod(
                FAIL,
                ServerCalls.asyncUnaryCall(
                    (in, out) ->
                        out.onError(Status.NOT_FOUND.withDescription("no " + in).asException())))
            .addMethod(
                SLOW,
                ServerCalls.asyncUnaryCall(
                    (in, out) -> {
                      io.grpc.Context.current()
                          .addListener(context -> slowCancelled.countDown(), Runnable::run);
                      // never answers: the caller's deadline ends the call
                    }))
            .build();
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(echo, new Recorder()))
            .build()
            .start();
  }

  public static EchoService start(String name) {
    try {
      return new EchoService(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** The metadata of every call, in arrival order. */
  public List<Metadata> calls() {
    return List.copyOf(calls);
  }

  /** Whether a {@code Slow} call was cancelled within {@code seconds}. */
  public boolean slowCancelled(long seconds) throws InterruptedException {
    return slowCancelled.await(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static void reply(StreamObserver<String> out, String value) {
    out.onNext(value);
    out.onCompleted();
  }

  private static StreamObserver<String> observer(
      java.util.function.Consumer<String> next, Runnable completed) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        next.accept(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        completed.run();
      }
    };
  }

  private static MethodDescriptor<String, String> method(
      String name, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName("test.Echo/" + name)
        .setRequestMarshaller(TEXT)
        .setResponseMarshaller(TEXT)
        .build();
  }

  /** Remembers each call's metadata and adds {@code x-served-by} to its trailers. */
  private final class Recorder implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      calls.add(headers);
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              trailers.put(SERVED_BY, name);
              super.close(status, trailers);
            }
          },
          headers);
    }
  }
}
