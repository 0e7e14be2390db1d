package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/** Where the interceptor learns the routes: the local daemon, or a cluster's Sandbox resources. */
enum RoutesFrom {
  /** The daemon's {@code GET /kafka/routes}, long-polled. */
  DAEMON,
  /** The Sandbox resources of the consumer's namespace, listed and watched on the API server. */
  KUBERNETES;

  static final String PROPERTY = "prooflane.routes";
  static final String ENV = "PROOFLANE_ROUTES";

  /** Set in every pod by Kubernetes itself. */
  static final String IN_CLUSTER_ENV = "KUBERNETES_SERVICE_HOST";

  /**
   * The source {@code prooflane.routes} (or {@code PROOFLANE_ROUTES}) names; without either, {@code
   * kubernetes} in a pod that was given no daemon ({@code PROOFLANE_API} and {@code prooflane.api}
   * absent, {@code KUBERNETES_SERVICE_HOST} set), else {@code daemon}.
   */
  static RoutesFrom of(Map<String, ?> configs, Function<String, String> env) {
    requireNonNull(configs, "configs");
    requireNonNull(env, "env");
    Object property = configs.get(PROPERTY);
    String text = property == null ? env.apply(ENV) : property.toString();
    if (text == null || text.isBlank()) {
      boolean daemonGiven =
          present(configs.get(InterceptorSettings.API))
              || present(env.apply(InterceptorSettings.API_ENV));
      return !daemonGiven && present(env.apply(IN_CLUSTER_ENV)) ? KUBERNETES : DAEMON;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "daemon" -> DAEMON;
      case "kubernetes" -> KUBERNETES;
      default ->
          throw new ConfigException(
              PROPERTY
                  + ": '"
                  + text
                  + "' (expected: daemon or kubernetes, in consumer property "
                  + PROPERTY
                  + " or environment variable "
                  + ENV
                  + ")");
    };
  }

  private static boolean present(Object value) {
    return value != null && !value.toString().isBlank();
  }
}
