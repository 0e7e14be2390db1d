package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the interceptor needs to know, from the consumer's properties or else the environment the
 * daemon gives every service process.
 *
 * @param routes where the routes come from: the daemon, or the cluster's Sandbox resources
 * @param daemon the daemon's API and token: always with routes from the daemon; in a cluster only
 *     when {@code prooflane.api} is set, for consumption reports
 * @param service the service this consumer belongs to, as the environment file names it (in a
 *     cluster: the consumer's baseline Deployment)
 * @param sandbox the sandbox whose fork this instance is, or empty for the baseline instance (also
 *     when the setting says {@code baseline}, as {@code ${sandbox}} does in the baseline)
 * @param group the consumer's group, which consumption hops name
 */
record InterceptorSettings(
    RoutesFrom routes,
    Optional<Daemon> daemon,
    String service,
    Optional<String> sandbox,
    String group) {
  static final String API = "prooflane.api";
  static final String TOKEN = "prooflane.token";
  static final String SERVICE = "prooflane.service";
  static final String SANDBOX = "prooflane.sandbox";
  static final String API_ENV = "PROOFLANE_API";
  static final String TOKEN_ENV = "PROOFLANE_SERVICE_TOKEN";
  static final String SERVICE_ENV = "PROOFLANE_SERVICE";
  static final String SANDBOX_ENV = "PROOFLANE_SANDBOX";

  /** The name of the baseline instance in consumption reports. */
  static final String BASELINE = "baseline";

  InterceptorSettings {
    requireNonNull(routes, "routes");
    requireNonNull(daemon, "daemon");
    requireNonNull(service, "service");
    requireNonNull(sandbox, "sandbox");
    requireNonNull(group, "group");
    if (routes == RoutesFrom.DAEMON && daemon.isEmpty()) {
      throw new IllegalArgumentException(
          "daemon: empty (expected: the daemon the routes come from)");
    }
  }

  /** The settings of a consumer whose routes come from the daemon at {@code api}. */
  InterceptorSettings(
      URI api, String token, String service, Optional<String> sandbox, String group) {
    this(RoutesFrom.DAEMON, Optional.of(new Daemon(api, token)), service, sandbox, group);
  }

  /**
   * The daemon's API as the interceptor reaches it.
   *
   * @param api the API base, such as {@code http://127.0.0.1:7070/api/v1}
   * @param token a bearer token with the scopes {@code sandbox:read} and {@code hops:write}
   */
  record Daemon(URI api, String token) {
    Daemon {
      requireNonNull(api, "api");
      requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Daemon[api=" + api + ", token=(hidden)]";
    }
  }

  /**
   * The settings of a consumer configured with {@code configs}, each missing property read from
   * {@code env}; a setting found in neither fails with a {@link ConfigException} naming both.
   */
  static InterceptorSettings from(Map<String, ?> configs, Function<String, String> env) {
    requireNonNull(configs, "configs");
    requireNonNull(env, "env");
    RoutesFrom routes = RoutesFrom.of(configs, env);
    Optional<Daemon> daemon =
        routes == RoutesFrom.DAEMON || setting(configs, env, API, API_ENV).isPresent()
            ? Optional.of(daemon(configs, env, routes))
            : Optional.empty();
    String service =
        required(
            configs,
            env,
            SERVICE,
            SERVICE_ENV,
            routes == RoutesFrom.DAEMON
                ? "the consumer's service name in the environment file"
                : "the name of the consumer's baseline Deployment");
    // `${sandbox}` is `baseline` in the baseline's environment: the same instance as no sandbox.
    Optional<String> sandbox =
        setting(configs, env, SANDBOX, SANDBOX_ENV).filter(name -> !name.equals(BASELINE));
    Object group = configs.get(ConsumerConfig.GROUP_ID_CONFIG);
    if (group == null || group.toString().isBlank()) {
      throw new ConfigException(
          ConsumerConfig.GROUP_ID_CONFIG
              + ": missing (expected: a consumer group; the Prooflane interceptor needs one group"
              + " per instance, such as orders-baseline and orders-<sandbox>)");
    }
    return new InterceptorSettings(routes, daemon, service, sandbox, group.toString());
  }

  private static Daemon daemon(
      Map<String, ?> configs, Function<String, String> env, RoutesFrom routes) {
    String api =
        required(
            configs,
            env,
            API,
            API_ENV,
            "the daemon's API URL, such as" + " http://127.0.0.1:7070/api/v1");
    String token =
        required(
            configs,
            env,
            TOKEN,
            TOKEN_ENV,
            routes == RoutesFrom.DAEMON
                ? "a token with scopes sandbox:read and hops:write"
                : "a token with scope hops:write, for the consumption reports to " + API);
    return new Daemon(apiUri(api), token);
  }

  /** {@code baseline} or the sandbox's name, as consumption reports name this instance. */
  String instance() {
    return sandbox.orElse(BASELINE);
  }

  private static String required(
      Map<String, ?> configs,
      Function<String, String> env,
      String property,
      String variable,
      String expected) {
    return setting(configs, env, property, variable)
        .orElseThrow(
            () ->
                new ConfigException(
                    property
                        + ": missing (expected: "
                        + expected
                        + ", in consumer property "
                        + property
                        + " or environment variable "
                        + variable
                        + ")"));
  }

  private static Optional<String> setting(
      Map<String, ?> configs, Function<String, String> env, String property, String variable) {
    Object value = configs.get(property);
    String text = value == null ? env.apply(variable) : value.toString();
    return Optional.ofNullable(text).map(String::trim).filter(t -> !t.isEmpty());
  }

  private static URI apiUri(String text) {
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the value and what is expected
    }
    throw new ConfigException(
        API
            + ": '"
            + text
            + "' (expected: an http or https URL, such as"
            + " http://127.0.0.1:7070/api/v1, in consumer property "
            + API
            + " or environment variable "
            + API_ENV
            + ")");
  }
}
