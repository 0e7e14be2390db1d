package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.runtime.RuntimeAccess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A request to a service of the environment, by name, as a step describes it.
 *
 * @param service the service addressed
 * @param method the HTTP method, upper case
 * @param path the path, starting with {@code /}, with an optional raw query
 * @param query more query parameters (encoded when sent)
 * @param headers headers by lower-case name
 * @param body a mapping, list or scalar (sent as JSON), a text (sent as is), or null for none
 */
public record HttpCall(
    String service,
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    Object body) {
  /** The request fields {@code http} and {@code diff} share, as the action catalog shows them. */
  public static final List<dev.prooflane.actions.core.ActionDescriptor.Field> REQUEST_FIELDS =
      List.of(
          dev.prooflane.actions.core.ActionDescriptor.Field.required(
              "service", "string", "the service's name in the environment"),
          dev.prooflane.actions.core.ActionDescriptor.Field.optional(
              "method", "string", "GET (default), POST, PUT, PATCH, DELETE..."),
          dev.prooflane.actions.core.ActionDescriptor.Field.optional(
              "path", "string", "the path with an optional ?query; default /"),
          dev.prooflane.actions.core.ActionDescriptor.Field.optional(
              "query", "object", "more query parameters: name to value or list"),
          dev.prooflane.actions.core.ActionDescriptor.Field.optional(
              "headers", "object", "request headers: name to value"),
          dev.prooflane.actions.core.ActionDescriptor.Field.optional(
              "body",
              "any",
              "a mapping or list is sent as JSON (application/json), a text as is"
                  + " (text/plain unless headers set content-type)"));

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");

  public HttpCall {
    requireNonNull(service, "service");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Reads the request fields of a step, checking the service exists in the environment. */
  public static HttpCall read(ActionInput input, RuntimeAccess runtime) {
    String service = service(input, runtime);
    String method = method(input);
    String path = input.optionalString("path").orElse("/");
    if (!path.startsWith("/") || path.startsWith("//")) {
      throw input.error(
          "path", "'" + path + "' (expected: a path on the service, starting with one /)");
    }
    try {
      if (URI.create("http://localhost" + path).getRawFragment() != null) {
        throw input.error("path", "'" + path + "' has a #fragment (remove it: it is never sent)");
      }
    } catch (IllegalArgumentException e) {
      throw input.error(
          "path", "'" + path + "' is not a valid URL path (percent-encode spaces and symbols)");
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    input
        .map("query")
        .forEach(
            (name, value) -> {
              List<String> values = new ArrayList<>();
              for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                values.add(scalar(input, "query", name, item));
              }
              query.put(name, values);
            });
    return new HttpCall(service, method, path, query, headers(input), body(input));
  }

  /** The {@code service} field: a service of the environment (also for {@code grpc}). */
  public static String service(ActionInput input, RuntimeAccess runtime) {
    String service = input.string("service");
    if (!runtime.services().contains(service)) {
      throw input.error(
          "service",
          "'"
              + service
              + "' is not a service of environment '"
              + runtime.environment()
              + "' (services: "
              + String.join(", ", new TreeSet<>(runtime.services()))
              + ")");
    }
    return service;
  }

  /** The {@code method} field, upper case; GET by default. */
  static String method(ActionInput input) {
    String method = input.optionalString("method").orElse("GET").toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw input.error("method", "'" + method + "' (expected: GET, POST, PUT, PATCH, DELETE...)");
    }
    return method;
  }

  /** The {@code headers} field, by lower-case name. */
  static Map<String, String> headers(ActionInput input) {
    Map<String, String> headers = new LinkedHashMap<>();
    input
        .map("headers")
        .forEach(
            (name, value) -> {
              String text = scalar(input, "headers", name, value);
              try {
                HttpRequest.newBuilder().header(name, text);
              } catch (IllegalArgumentException e) {
                throw input.error("headers." + name, "cannot be sent: " + e.getMessage());
              }
              headers.put(name.toLowerCase(Locale.ROOT), text);
            });
    return headers;
  }

  /** The {@code body} field, or null for none. */
  static Object body(ActionInput input) {
    Object body = input.value("body");
    return Values.isNull(body) ? null : body;
  }

  private static String scalar(ActionInput input, String field, String name, Object value) {
    if (value instanceof Map || value instanceof List || Values.isNull(value)) {
      throw input.error(field + "." + name, "expected text or a number, got " + Values.text(value));
    }
    return Values.text(value);
  }

  /** The body as sent: JSON for structured values and scalars, text as is; null for none. */
  String bodyText() {
    return bodyText(body);
  }

  static String bodyText(Object body) {
    if (body == null) {
      return null;
    }
    return body instanceof String s ? s : Values.toJson(body).toString();
  }

  /** The content type the body implies when the step set none. */
  String impliedContentType() {
    return impliedContentType(body);
  }

  static String impliedContentType(Object body) {
    return body instanceof String ? "text/plain; charset=utf-8" : "application/json";
  }
}
