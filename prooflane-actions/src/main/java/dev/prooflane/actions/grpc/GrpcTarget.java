package dev.prooflane.actions.grpc;

import dev.prooflane.actions.core.Destination;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/**
 * Where a gRPC call connects: a service's router listener, or the one address the policy admitted
 * for an external host.
 *
 * @param service the service of the environment, or null for an external host
 * @param host the host or address to connect to
 * @param port the port
 * @param authority {@code host:port} as the step named it ({@code :authority})
 * @param destination the policy's admission of an external host, or null for a service
 */
record GrpcTarget(
    String service, String host, int port, String authority, Destination destination) {
  /** {@code grpc://authority/package.Service/Method}: the URL reports show. */
  String url(String fullMethod) {
    return "grpc://" + authority + "/" + fullMethod;
  }

  /**
   * A plaintext (h2c) channel to exactly {@code host:port}, calling back on the transport's
   * threads.
   *
   * @param maxInbound the largest response message accepted
   */
  ManagedChannel open(int maxInbound) {
    return Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
        .overrideAuthority(authority)
        .directExecutor()
        .maxInboundMessageSize(maxInbound)
        .userAgent("prooflane")
        .build();
  }

  /** Closes {@code channel}: at once when its calls are over, else after a second. */
  static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
