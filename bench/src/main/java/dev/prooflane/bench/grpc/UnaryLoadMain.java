package dev.prooflane.bench.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC load client of bench/router-grpc.sh: CONCURRENCY unary calls in flight on one grpc-java
 * channel to 127.0.0.1:PORT (the server or the router in front of it), WARMUP seconds unmeasured,
 * then SECONDS measured. Prints one line: {@code calls=N seconds=S rps=R p50_ms=A p99_ms=B
 * p999_ms=C errors=E}.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.grpc.UnaryLoadMain PORT CONCURRENCY WARMUP
 * SECONDS [KEY], where KEY, when given, goes in the {@code x-prooflane-key} metadata of each call.
 */
public final class UnaryLoadMain {
  private static final Metadata.Key<String> KEY =
      Metadata.Key.of("x-prooflane-key", Metadata.ASCII_STRING_MARSHALLER);

  private UnaryLoadMain() {}

  /** Runs the load; see the class comment for the arguments. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    int concurrency = Integer.parseInt(args[1]);
    Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
    ManagedChannel managed =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
    Channel channel = managed;
    if (args.length > 4) {
      Metadata key = new Metadata();
      key.put(KEY, args[4]);
      channel =
          ClientInterceptors.intercept(managed, MetadataUtils.newAttachHeadersInterceptor(key));
    }
    try {
      UnaryLoad.run(channel, concurrency, warmup);
      UnaryLoad load = UnaryLoad.run(channel, concurrency, measured);
      System.out.printf(
          Locale.ROOT,
          "calls=%d seconds=%.1f rps=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f errors=%d%n",
          load.calls().size(),
          load.seconds(),
          load.throughput(),
          load.calls().p(50),
          load.calls().p(99),
          load.calls().p(99.9),
          load.errors());
    } finally {
      managed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
