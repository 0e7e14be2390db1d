package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/** A service's settings, read from environment variables. */
public final class ServiceEnv {
  /** The variable that names the sandbox this instance belongs to. */
  public static final String SANDBOX = "PROOFLANE_SANDBOX";

  /** What {@link #servedBy()} answers when {@value #SANDBOX} is not set. */
  public static final String BASELINE = "baseline";

  private final String service;
  private final Map<String, String> vars;

  private ServiceEnv(String service, Map<String, String> vars) {
    this.service = requireNonNull(service, "service");
    this.vars = Map.copyOf(vars);
  }

  /** Settings for {@code service} from {@code vars}, typically {@link System#getenv()}. */
  public static ServiceEnv of(String service, Map<String, String> vars) {
    return new ServiceEnv(service, vars);
  }

  /** The service name, such as {@code pricing}. */
  public String service() {
    return service;
  }

  /** The loopback port to listen on, from {@code PORT} (required). */
  public int port() {
    String value = required("PORT", "the port to listen on, e.g. PORT=8080");
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the same message as an out-of-range number
    }
    throw malformed("PORT", value, "a port number from 1 to 65535");
  }

  /** Which instance this is: the sandbox name from {@value #SANDBOX}, or {@value #BASELINE}. */
  public String servedBy() {
    String value = vars.get(SANDBOX);
    return value == null || value.isBlank() ? BASELINE : value.trim();
  }

  /**
   * The base URL of a downstream service from {@code variable} (required), such as {@code
   * PRICING_URL} for {@code pricing}.
   */
  public URI url(String variable, String downstream) {
    String value =
        required(
            variable,
            "the base URL of the "
                + downstream
                + " service, e.g. "
                + variable
                + "=http://127.0.0.1:8082");
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI uri = new URI(trimmed);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the same message as a URL without scheme or host
    }
    throw malformed(variable, value, "an http:// URL such as http://127.0.0.1:8082");
  }

  /**
   * The {@code host:port} of a downstream gRPC service from {@code variable} (required), such as
   * {@code WAREHOUSE_TARGET} for {@code warehouse}: a gRPC target, as grpc-java takes it.
   */
  public String target(String variable, String downstream) {
    String value =
        required(
            variable,
            "host:port of the "
                + downstream
                + " gRPC service, e.g. "
                + variable
                + "=127.0.0.1:8084");
    String trimmed = value.trim();
    int colon = trimmed.lastIndexOf(':');
    if (colon > 0) {
      try {
        int port = Integer.parseInt(trimmed.substring(colon + 1));
        if (port >= 1 && port <= 65535 && !trimmed.substring(0, colon).contains("/")) {
          return trimmed;
        }
      } catch (NumberFormatException e) {
        // reported below, with the same message as a target without host or port
      }
    }
    throw malformed(variable, value, "host:port such as 127.0.0.1:8084");
  }

  /**
   * A required setting from {@code variable}, trimmed; {@code hint} says what to set it to, such as
   * {@code the broker, e.g. KAFKA_BOOTSTRAP=127.0.0.1:9092}.
   */
  public String setting(String variable, String hint) {
    return required(variable, hint).trim();
  }

  /** An optional setting from {@code variable}, trimmed; empty when unset or blank. */
  public Optional<String> optional(String variable) {
    String value = vars.get(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** {@code pricing: PORT='abc' (expected: ...)}. */
  private SettingException malformed(String variable, String value, String expected) {
    return new SettingException(
        variable, service + ": " + variable + "='" + value + "' (expected: " + expected + ")");
  }

  private String required(String variable, String hint) {
    String value = vars.get(variable);
    if (value == null || value.isBlank()) {
      throw new SettingException(
          variable,
          service + ": environment variable " + variable + " is not set (set it to " + hint + ")");
    }
    return value;
  }
}
