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
 * @param api the daemon's API base, such as {@code http://127.0.0.1:7070/api/v1}
 * @param token a bearer token with the scopes {@code sandbox:read} and {@code hops:write}
 * @param service the service this consumer belongs to, as the environment file names it
 * @param sandbox the sandbox whose fork this instance is, or empty for the baseline instance (also
 *     when the setting says {@code baseline}, as {@code ${sandbox}} does in the baseline)
 * @param group the consumer's group, which consumption hops name
 */
record InterceptorSettings(
    URI api, String token, String service, Optional<String> sandbox, String group) {
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
    requireNonNull(api, "api");
    requireNonNull(token, "token");
    requireNonNull(service, "service");
    requireNonNull(sandbox, "sandbox");
    requireNonNull(group, "group");
  }

  /**
   * The settings of a consumer configured with {@code configs}, each missing property read from
   * {@code env}; a setting found in neither fails with a {@link ConfigException} naming both.
   */
  static InterceptorSettings from(Map<String, ?> configs, Function<String, String> env) {
    requireNonNull(configs, "configs");
    requireNonNull(env, "env");
    String api =
        required(
            configs,
            env,
            API,
            API_ENV,
            "the daemon's API URL, such as" + " http://127.0.0.1:7070/api/v1");
    String token =
        required(
            configs, env, TOKEN, TOKEN_ENV, "a token with scopes sandbox:read" + " and hops:write");
    String service =
        required(
            configs,
            env,
            SERVICE,
            SERVICE_ENV,
            "the consumer's service name" + " in the environment file");
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
    return new InterceptorSettings(apiUri(api), token, service, sandbox, group.toString());
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
