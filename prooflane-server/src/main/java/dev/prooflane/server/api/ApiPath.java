package dev.prooflane.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every path of the REST API under {@link #BASE}: the one place that spells them, read by the
 * server when it registers its routes and by the client when it calls them, so that the two cannot
 * differ. A template names its parameters Vert.x style ({@code /sandboxes/:name}); the OpenAPI
 * document writes them {@code /sandboxes/{name}}.
 */
public enum ApiPath {
  STATUS("/status"),
  SERVICES("/services"),
  SERVICE_LOGS("/services/:name/logs"),
  SERVICE_LOGS_STREAM("/services/:name/logs/stream"),
  SERVICE_RESTART("/services/:name/restart"),
  ENVIRONMENT_APPLY("/environment/apply"),
  SANDBOXES("/sandboxes"),
  SANDBOX("/sandboxes/:name"),
  HOPS("/hops"),
  HOPS_STREAM("/hops/stream"),
  GRAPH("/graph"),
  KAFKA_ROUTES("/kafka/routes"),
  KAFKA_CONSUMPTIONS("/kafka/consumptions"),
  PROBE("/probe"),
  SKILLS("/skills"),
  SKILL("/skills/:name"),
  ACTIONS("/actions"),
  ACTION("/actions/:name"),
  ACTION_RUN("/actions/:name/run"),
  VALIDATIONS("/validations"),
  VALIDATION("/validations/:id"),
  VALIDATION_CANCEL("/validations/:id/cancel"),
  RUNS("/runs"),
  RUN("/runs/:id"),
  RUN_CANCEL("/runs/:id/cancel"),
  RUN_REPORT("/runs/:id/reports/:file"),
  TOKENS("/tokens"),
  TOKEN("/tokens/:id"),
  WHOAMI("/whoami"),
  LOGIN_LINKS("/login-links"),
  AUDIT("/audit"),
  SHUTDOWN("/shutdown"),
  OPENAPI("/openapi.yaml");

  /** The prefix of every path: the API's version. */
  public static final String BASE = "/api/v1";

  private final String template;

  ApiPath(String template) {
    this.template = template;
  }

  /** The path with its parameters as {@code :name} segments, as the server routes it. */
  public String template() {
    return template;
  }

  /** The names of the parameters, in order. */
  public List<String> parameters() {
    List<String> out = new ArrayList<>();
    for (String segment : template.split("/")) {
      if (segment.startsWith(":")) {
        out.add(segment.substring(1));
      }
    }
    return out;
  }

  /**
   * The path with {@code values} (URL-encoded) in place of its parameters, in order.
   *
   * @throws IllegalArgumentException when the number of values is not the number of parameters
   */
  public String with(String... values) {
    List<String> names = parameters();
    if (values.length != names.size()) {
      throw new IllegalArgumentException(
          "values: "
              + values.length
              + " for "
              + template
              + " (expected: "
              + names.size()
              + ", one per parameter "
              + names
              + ")");
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (String segment : template.substring(1).split("/")) {
      out.append('/');
      out.append(
          segment.startsWith(":")
              ? URLEncoder.encode(values[next++], StandardCharsets.UTF_8)
              : segment);
    }
    return out.toString();
  }
}
