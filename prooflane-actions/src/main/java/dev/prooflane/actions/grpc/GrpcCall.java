package dev.prooflane.actions.grpc;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.HttpCall;
import dev.prooflane.actions.http.UrlCall;
import dev.prooflane.runtime.RuntimeAccess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gRPC call as a step describes it: the method, the JSON messages to send, metadata, and where
 * the descriptors come from.
 *
 * @param service the service of the environment called through its router listener, or null with
 *     {@code url}
 * @param url {@code grpc://host:port} of an external server, or null with {@code service}
 * @param grpcService the protobuf service's full name, such as {@code shop.Stock}
 * @param method the method's name in it, such as {@code Get}
 * @param requests the messages to send, as plain values (mappings)
 * @param listGiven whether {@code request} was a list (for a client-streaming or bidi method)
 * @param metadata metadata to send, by lower-case name
 * @param timeout the call's deadline, or empty for the step's remaining time
 * @param descriptors a descriptor-set file relative to the skill folder, or empty for server
 *     reflection
 */
public record GrpcCall(
    String service,
    URI url,
    String grpcService,
    String method,
    List<Object> requests,
    boolean listGiven,
    Map<String, String> metadata,
    Optional<Duration> timeout,
    Optional<String> descriptors) {
  /** The call fields {@code grpc} and {@code diff} share, as the action catalog shows them. */
  public static final List<Field> CALL_FIELDS =
      List.of(
          Field.required(
              "method",
              "string",
              "the gRPC method as package.Service/Method, such as shop.Stock/Get"),
          Field.optional(
              "request",
              "any",
              "the request message as a mapping (protobuf's JSON form: lowerCamelCase or proto"
                  + " field names, 64-bit integers as numbers or text); a list of them for a"
                  + " client-streaming or bidi method; default {}"),
          Field.optional(
              "metadata",
              "object",
              "request metadata: name to text (names ending in -bin: base64); grpc-* names are"
                  + " reserved"),
          Field.optional(
              "descriptors",
              "string",
              "a FileDescriptorSet file relative to the skill folder (protoc --include_imports"
                  + " --descriptor_set_out=...); default: the server's reflection service"));

  private static final Pattern METHOD =
      Pattern.compile("/?((?:[A-Za-z_][A-Za-z0-9_]*\\.)*[A-Za-z_][A-Za-z0-9_]*)/([A-Za-z_]\\w*)");

  public GrpcCall {
    requireNonNull(grpcService, "grpcService");
    requireNonNull(method, "method");
    if ((service == null) == (url == null)) {
      throw new IllegalArgumentException("give exactly one of service or url");
    }
    requests = List.copyOf(requests);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    requireNonNull(timeout, "timeout");
    requireNonNull(descriptors, "descriptors");
  }

  /** Whether a step's {@code method} names a gRPC method ({@code package.Service/Method}). */
  public static boolean names(ActionInput input) {
    return input.optionalString("method").map(m -> m.contains("/")).orElse(false);
  }

  /**
   * Reads a call to a service of the environment ({@code service}) or, when {@code urlAllowed}, to
   * an external server ({@code url}), checking the service exists in the environment.
   */
  public static GrpcCall read(ActionInput input, RuntimeAccess runtime, boolean urlAllowed) {
    String service = null;
    URI url = null;
    if (urlAllowed && input.has("url")) {
      if (input.has("service")) {
        throw input.error("service", "cannot be given with url: (give one of them)");
      }
      url = url(input);
    } else {
      if (!input.has("service")) {
        throw input.error(
            "service",
            "missing (give the service's name in the environment"
                + (urlAllowed ? ", or an external url: grpc://host:port)" : ")"));
      }
      service = HttpCall.service(input, runtime);
    }
    String given = input.string("method");
    Matcher m = METHOD.matcher(given.trim());
    if (!m.matches()) {
      throw input.error(
          "method", "'" + given + "' (expected: package.Service/Method, such as shop.Stock/Get)");
    }
    Object request = input.value("request");
    List<Object> requests = new ArrayList<>();
    boolean listGiven = request instanceof List<?>;
    for (Object item : listGiven ? (List<?>) request : List.of(orEmpty(request))) {
      if (!(item instanceof Map<?, ?>)) {
        throw input.error(
            "request",
            "expected a mapping (the message as JSON)"
                + (listGiven ? " in each item" : " or a list of them")
                + ", got "
                + Values.text(item));
      }
      requests.add(item);
    }
    Optional<Duration> timeout = input.duration("timeout");
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw input.error("timeout", "'" + input.value("timeout") + "' (expected: > 0, such as 5s)");
    }
    return new GrpcCall(
        service,
        url,
        m.group(1),
        m.group(2),
        requests,
        listGiven,
        metadata(input),
        timeout,
        input.optionalString("descriptors"));
  }

  private static Object orEmpty(Object request) {
    return Values.isNull(request) ? Map.of() : request;
  }

  private static URI url(ActionInput input) {
    URI url = UrlCall.uri(input);
    String text = url.toString();
    if (!"grpc".equalsIgnoreCase(url.getScheme())
        || url.getHost() == null
        || url.getPort() < 0
        || url.getRawUserInfo() != null
        || !(url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/"))
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw input.error(
          "url",
          "'"
              + text
              + "' (expected: grpc://host:port, such as grpc://api.partner.example:443; the"
              + " method goes in method:)");
    }
    return url;
  }

  private static Map<String, String> metadata(ActionInput input) {
    Map<String, String> metadata = new LinkedHashMap<>();
    input
        .map("metadata")
        .forEach(
            (name, value) -> {
              String field = "metadata." + name;
              String key = name.toLowerCase(Locale.ROOT);
              if (value instanceof Map || value instanceof List || Values.isNull(value)) {
                throw input.error(field, "expected text or a number, got " + Values.text(value));
              }
              if (key.startsWith("grpc-")) {
                throw input.error(
                    field,
                    "grpc-* names are reserved for gRPC itself (give the deadline as timeout:)");
              }
              try {
                MetadataValues.check(key, Values.text(value));
              } catch (IllegalArgumentException e) {
                throw input.error(field, "cannot be sent: " + e.getMessage());
              }
              metadata.put(key, Values.text(value));
            });
    return metadata;
  }

  /** {@code shop.Stock/Get}. */
  public String fullMethod() {
    return grpcService + "/" + method;
  }
}
