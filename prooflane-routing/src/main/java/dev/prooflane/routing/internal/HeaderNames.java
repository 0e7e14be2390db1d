package dev.prooflane.routing.internal;

import dev.prooflane.model.KeyNames;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Header names the router treats specially, matched case-insensitively without allocating.
 *
 * <p>Hop-by-hop headers (RFC 9110 section 7.6.1) describe one connection and are never forwarded:
 * {@code Connection} and the headers it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code
 * TE}, {@code Transfer-Encoding} (the router re-frames bodies), {@code Upgrade}, {@code
 * Proxy-Authorization} and {@code Proxy-Authenticate}. {@code Expect} is answered by the router
 * itself, so it is not forwarded either.
 *
 * <p>A header that {@code Connection} names is dropped too, except {@code Host} and the routing-key
 * carriers (see {@link #undroppable}): the request is routed by its key, so forwarding it without
 * the key would send the fork's own downstream calls to the baseline, silently.
 */
final class HeaderNames {
  static final String X_FORWARDED_FOR = "x-forwarded-for";
  static final String X_FORWARDED_HOST = "x-forwarded-host";
  static final String X_FORWARDED_PROTO = "x-forwarded-proto";

  private static final String HTTP2_EXTENSION = "x-http2-";

  private HeaderNames() {}

  /**
   * The lower-case names a {@code Connection} header cannot make the router drop: {@code host}, and
   * each routing-key carrier that {@code names} turns on ({@code baggage}; {@code tracestate} with
   * {@code traceparent}, without which propagators drop {@code tracestate}; the plain key header).
   */
  static Set<String> undroppable(KeyNames names) {
    Set<String> kept = new HashSet<>();
    kept.add("host");
    if (!names.baggage().isEmpty()) {
      kept.add("baggage");
    }
    if (!names.tracestate().isEmpty()) {
      kept.add("tracestate");
      kept.add("traceparent");
    }
    if (!names.header().isEmpty()) {
      kept.add(names.header().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(kept);
  }

  static boolean isHopByHop(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 6 -> name.equalsIgnoreCase("expect");
      case 7 -> name.equalsIgnoreCase("upgrade");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16 -> name.equalsIgnoreCase("proxy-connection");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      case 18 -> name.equalsIgnoreCase("proxy-authenticate");
      case 19 -> name.equalsIgnoreCase("proxy-authorization");
      default -> false;
    };
  }

  /**
   * Whether {@code name} is one Netty's HTTP/2 conversion uses for pseudo-headers and stream ids
   * ({@code x-http2-scheme}, {@code x-http2-stream-id}, ...): never forwarded as a header.
   */
  static boolean isHttp2Extension(String name) {
    return name.length() > HTTP2_EXTENSION.length()
        && name.regionMatches(true, 0, HTTP2_EXTENSION, 0, HTTP2_EXTENSION.length());
  }

  /**
   * Whether the client says it takes trailers ({@code TE: trailers}, as gRPC clients do): kept for
   * an HTTP/2 upstream, the one {@code TE} value HTTP/2 allows.
   */
  static boolean wantsTrailers(HttpHeaders headers) {
    for (String te : headers.getAll(HttpHeaderNames.TE)) {
      for (String token : te.split(",")) {
        if (token.trim().equalsIgnoreCase("trailers")) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isForwarded(String name) {
    return switch (name.length()) {
      case 15 -> name.equalsIgnoreCase(X_FORWARDED_FOR);
      case 16 ->
          name.equalsIgnoreCase(X_FORWARDED_HOST) || name.equalsIgnoreCase(RequestChecks.HOPS);
      case 17 -> name.equalsIgnoreCase(X_FORWARDED_PROTO);
      default -> false;
    };
  }

  /**
   * The lower-case names a {@code Connection} header lists besides {@code keep-alive}, {@code
   * close} and {@code upgrade}, or null when there are none (the common case, without allocation).
   */
  static Set<String> connectionOptions(CharSequence connection) {
    if (connection == null
        || AsciiString.contentEqualsIgnoreCase(connection, "keep-alive")
        || AsciiString.contentEqualsIgnoreCase(connection, "close")) {
      return null;
    }
    Set<String> names = null;
    for (String token : connection.toString().split(",")) {
      String name = token.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !name.equals("keep-alive") && !name.equals("close")) {
        if (names == null) {
          names = new HashSet<>();
        }
        names.add(name);
      }
    }
    return names;
  }
}
