package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to tell that an instance is ready: its {@link Probe} passes within {@code timeout} of the
 * process starting, tried at most {@code interval} apart.
 *
 * @param probe what is asked: an HTTP GET that must answer 2xx, or a gRPC health check that must
 *     answer SERVING
 * @param timeout how long, from the start, the instance has to pass
 * @param interval the longest pause between two tries
 */
public record HealthCheck(Probe probe, Duration timeout, Duration interval) {
  /** {@code GET /health} for 60 s, every 50 ms at most: the default of HTTP services. */
  public static final HealthCheck DEFAULT =
      new HealthCheck("/health", Duration.ofSeconds(60), Duration.ofMillis(50));

  public HealthCheck {
    requireNonNull(probe, "probe");
    requireNonNull(timeout, "timeout");
    requireNonNull(interval, "interval");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
  }

  /** An HTTP GET of {@code path} that must answer 2xx. */
  public HealthCheck(String path, Duration timeout, Duration interval) {
    this(new HttpGet(path), timeout, interval);
  }

  /**
   * The default check of a service that speaks {@code protocol}: the gRPC health check of the whole
   * server (service {@code ""}) for {@link Protocol#GRPC}, else {@link #DEFAULT}.
   */
  public static HealthCheck defaultFor(Protocol protocol) {
    requireNonNull(protocol, "protocol");
    return protocol == Protocol.GRPC
        ? new HealthCheck(new GrpcHealth(""), DEFAULT.timeout(), DEFAULT.interval())
        : DEFAULT;
  }

  /**
   * The HTTP path the probe requests: the GET's path, or {@value GrpcHealth#PATH} for a gRPC health
   * check (a gRPC call is a POST to it).
   */
  public String path() {
    return probe instanceof HttpGet get ? get.path() : GrpcHealth.PATH;
  }

  /** What a health check asks an instance. */
  public sealed interface Probe permits HttpGet, GrpcHealth {
    /**
     * The probe as people read it: {@code GET /health}, {@code grpc.health.v1.Health/Check of
     * service ""}.
     */
    String describe();

    /** The answer that passes: {@code 2xx} or {@code SERVING}. */
    String passes();
  }

  /**
   * An HTTP GET of {@code path} (over HTTP/2 in cleartext for a service whose protocol is HTTP/2)
   * that must answer 2xx.
   */
  public record HttpGet(String path) implements Probe {
    public HttpGet {
      requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path: " + path + " (expected: starts with /)");
      }
    }

    @Override
    public String describe() {
      return "GET " + path;
    }

    @Override
    public String passes() {
      return "2xx";
    }
  }

  /**
   * A call of the standard gRPC health method {@code grpc.health.v1.Health/Check} for {@code
   * service} ({@code ""}: the server as a whole) that must answer {@code SERVING}.
   */
  public record GrpcHealth(String service) implements Probe {
    /** The HTTP/2 path of {@code grpc.health.v1.Health/Check}. */
    public static final String PATH = "/grpc.health.v1.Health/Check";

    /** What a service name may be, as messages say it. */
    public static final String EXPECTED =
        "a gRPC service name such as my.package.Greeter, or \"\" for the whole server";

    /** A protobuf full name ({@code my.package.Greeter}), or empty. */
    private static final Pattern NAME =
        Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*)?");

    public GrpcHealth {
      requireNonNull(service, "service");
      if (!isServiceName(service)) {
        throw new IllegalArgumentException(
            "service: '" + service + "' (expected: " + EXPECTED + ")");
      }
    }

    /** Whether {@code name} may be checked: a protobuf full name, or empty. */
    public static boolean isServiceName(String name) {
      return NAME.matcher(name).matches();
    }

    @Override
    public String describe() {
      return "grpc.health.v1.Health/Check of service \"" + service + "\"";
    }

    @Override
    public String passes() {
      return "SERVING";
    }
  }
}
