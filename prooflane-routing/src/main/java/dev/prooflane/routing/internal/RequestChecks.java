package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * The checks the router makes on a decoded request before it picks a destination, beyond what the
 * HTTP decoder already refuses (conflicting or malformed {@code Content-Length}, {@code
 * Transfer-Encoding} not ending in {@code chunked}, control characters in header values, oversized
 * lines and heads). A few header lookups and character loops per request; no regular expression.
 */
final class RequestChecks {
  /** Counts how many times a request passed through a Prooflane router. */
  static final String HOPS = "x-prooflane-hops";

  private static final int MAX_HOPS_DIGITS = 3;
  private static final String HOST_SYMBOLS = "-._~!$&'()*+,;=%:[]";

  private RequestChecks() {}

  /**
   * Why the request's version, target, method or number of header fields is unacceptable, or null:
   * {@code 501} for a version other than HTTP/1.1 and HTTP/1.0 and for {@code TRACE} and {@code
   * CONNECT}, {@code 414} for a target longer than the HTTP/1.1 request line may be, {@code 431}
   * for more than {@code maxHeaders} header fields.
   */
  static Refusal head(HttpRequest request, int maxHeaders) {
    HttpVersion version = request.protocolVersion();
    if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
      return new Refusal(
          501,
          "unsupported_http_version",
          "the request's HTTP version is not supported (expected: HTTP/1.1 or HTTP/1.0, or HTTP/2"
              + " from its connection preface)",
          true);
    }
    if (request.uri().length() > NettyRouter.MAX_REQUEST_LINE) {
      // the HTTP/1.1 decoder bounds the request line itself; an HTTP/2 :path arrives as a header
      return new Refusal(
          414,
          "request_line_too_long",
          "the request target is longer than "
              + NettyRouter.MAX_REQUEST_LINE
              + " bytes (shorten the path or query)",
          true);
    }
    HttpMethod method = request.method();
    boolean connect = HttpMethod.CONNECT.equals(method);
    if (connect || HttpMethod.TRACE.equals(method)) {
      return new Refusal(
          501,
          "unsupported_method",
          "the router does not forward "
              + method.name()
              + (connect
                  ? " (it is not a tunnelling proxy); send the request itself to the listener"
                  : " (it would echo the request's headers, credentials included, back to the"
                      + " caller); send the request with another method"),
          connect);
    }
    if (request.headers().size() > maxHeaders) {
      return new Refusal(
          431,
          "too_many_headers",
          "the request has more than " + maxHeaders + " header fields (send fewer headers)",
          true);
    }
    return null;
  }

  /** Why the request's framing or {@code Host} is unacceptable, or null. */
  static Refusal framing(HttpRequest request, boolean hasBody) {
    HttpHeaders headers = request.headers();
    if (hasBody && headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
      if (codings.size() != 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
        return new Refusal(
            501,
            "unsupported_transfer_coding",
            "Transfer-Encoding '"
                + Refusal.printable(String.join(", ", codings))
                + "' is not supported (expected: 'chunked' alone, or Content-Length)",
            true);
      }
    }
    String host = headers.get(HttpHeaderNames.HOST);
    if (host == null) {
      return request.protocolVersion().equals(HttpVersion.HTTP_1_1)
          ? new Refusal(
              400, "missing_host", "an HTTP/1.1 request needs a Host header (add one)", true)
          : null;
    }
    if (occurrences(headers, HttpHeaderNames.HOST) > 1) {
      return new Refusal(
          400,
          "ambiguous_host",
          "the request has more than one Host header (expected: exactly one)",
          true);
    }
    if (!isHost(host)) {
      return new Refusal(
          400,
          "invalid_host",
          "Host '"
              + Refusal.printable(host)
              + "' is not a host name, address or host:port (fix the Host header)",
          true);
    }
    return null;
  }

  /**
   * The hop count the request arrived with: 0 without the header, -1 when the header is repeated or
   * not 1 to 3 digits.
   */
  static int hops(HttpHeaders headers) {
    String value = headers.get(HOPS);
    if (value == null) {
      return 0;
    }
    if (occurrences(headers, HOPS) > 1) {
      return -1;
    }
    String digits = value.trim();
    if (digits.isEmpty() || digits.length() > MAX_HOPS_DIGITS) {
      return -1;
    }
    int hops = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      hops = hops * 10 + (c - '0');
    }
    return hops;
  }

  /**
   * Why a request that arrived with hop count {@code arrived} must not be routed again: {@code 400}
   * for a malformed count ({@code arrived < 0}), {@code 508} once it already passed {@code maxHops}
   * times; null to route it.
   */
  static Refusal loop(int arrived, int maxHops, String service) {
    if (arrived < 0) {
      return new Refusal(
          400,
          "invalid_hop_count",
          "header '"
              + HOPS
              + "' must be one number of at most 3 digits (it is set by the router; drop it)",
          false);
    }
    if (arrived >= maxHops) {
      return new Refusal(
          508,
          "loop_detected",
          "the request passed through the router "
              + arrived
              + " times already (limit "
              + maxHops
              + "): the route table sends service '"
              + service
              + "' back into the router; point its baseline or fork at the service's own port,"
              + " not at a router listener",
          false);
    }
    return null;
  }

  /** RFC 3986 {@code host [":" port]} characters; an empty Host is allowed by RFC 9112. */
  static boolean isHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && HOST_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * How many fields of {@code headers} are named {@code name}: counted on a head's bytes, without
   * decoding the values, when the headers are still those bytes.
   */
  private static int occurrences(HttpHeaders headers, CharSequence name) {
    WireHead wire = headers instanceof WireHeaders raw ? raw.unchanged() : null;
    return wire != null ? wire.occurrences(name) : headers.getAll(name).size();
  }
}
