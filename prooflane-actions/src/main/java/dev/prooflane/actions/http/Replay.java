package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.core.ActionCall;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.model.KeyNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} step that sends a keyed exchange again without the routing key: the method, path
 * and query (less the key's query parameter), body and content type, labelled {@code control}; for
 * a gRPC call the {@code grpc} step with its method and request. A run's control request, which
 * shows whether the baseline still answers it.
 */
public final class Replay {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Replay() {}

  /**
   * The step that repeats {@code keyed}, a request to a service, without the key.
   *
   * @param names where the environment carries the key (its query parameter is dropped)
   */
  public static ActionCall withoutKey(Exchange keyed, KeyNames names) {
    requireNonNull(keyed, "keyed");
    requireNonNull(names, "names");
    URI uri = URI.create(keyed.url());
    Map<String, Object> with = new LinkedHashMap<>();
    with.put("service", keyed.service());
    if ("grpc".equals(uri.getScheme())) {
      return grpc(keyed, uri, with);
    }
    with.put("method", keyed.method());
    with.put("path", uri.getRawPath() + query(uri.getRawQuery(), names.query()));
    with.put("inject", false);
    with.put("label", "control");
    if (keyed.requestBody() != null) {
      with.put("body", keyed.requestBody());
      List<String> type = keyed.requestHeaders().getOrDefault("content-type", List.of());
      if (!type.isEmpty()) {
        with.put("headers", Map.of("content-type", type.get(0)));
      }
    }
    return new ActionCall("http", with);
  }

  /**
   * The {@code grpc} step that repeats a keyed call: its method and request messages (descriptors
   * by server reflection: the step's descriptor-set file is not known here).
   */
  private static ActionCall grpc(Exchange keyed, URI uri, Map<String, Object> with) {
    with.put("method", uri.getRawPath().substring(1));
    if (keyed.requestBody() != null) {
      try {
        with.put("request", Values.fromJson(JSON.readTree(keyed.requestBody())));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "the request of " + keyed.url() + " is not JSON: " + e.getOriginalMessage(), e);
      }
    }
    with.put("inject", false);
    with.put("label", "control");
    return new ActionCall("grpc", with);
  }

  /** The raw query as {@code ?...} without the routing-key parameter, or empty. */
  private static String query(String rawQuery, Optional<String> keyParameter) {
    if (rawQuery == null) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String param : rawQuery.split("&")) {
      String paramName = param.split("=", 2)[0];
      if (!param.isEmpty()
          && !(keyParameter.isPresent()
              && ServiceClient.decode(paramName).equals(keyParameter.get()))) {
        kept.add(param);
      }
    }
    return kept.isEmpty() ? "" : "?" + String.join("&", kept);
  }
}
