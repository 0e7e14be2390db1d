package dev.prooflane.bench.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The upstream of the gRPC benchmark: a grpc-java server (Netty transport) on loopback whose {@code
 * bench.Echo/Say} answers each call with its own message. Prints "READY <port>" and runs until
 * killed.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.grpc.UnaryServerMain PORT
 */
public final class UnaryServerMain {
  private UnaryServerMain() {}

  /** Starts the server; see the class comment for the argument. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("bench.Echo")
            .addMethod(
                Unary.SAY,
                ServerCalls.asyncUnaryCall(
                    (in, out) -> {
                      out.onNext(in);
                      out.onCompleted();
                    }))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(echo)
            .build()
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    System.out.println("READY " + server.getPort());
    server.awaitTermination();
  }
}
