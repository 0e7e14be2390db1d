package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import java.util.Set;

/**
 * When an HTTP/1.1 request asks to switch its connection to another protocol: cleartext HTTP/2 (RFC
 * 7540 section 3.2), which the router speaks itself, or a WebSocket (RFC 6455), which it routes at
 * the handshake and then relays.
 */
final class Upgrades {
  static final String H2C = "h2c";
  static final String SETTINGS = "http2-settings";

  private Upgrades() {}

  /**
   * Whether {@code request} is an HTTP/1.1 request without body offering {@code h2c} in {@code
   * Upgrade}, with exactly one {@code HTTP2-Settings} header, both named in {@code Connection}. A
   * request with a body is served over HTTP/1.1, the upgrade ignored (the server may).
   */
  static boolean requested(HttpRequest request) {
    HttpHeaders headers = request.headers();
    // every HTTP/1.1 request passes here: one header lookup decides for nearly all of them
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    if (upgrade == null
        || !offers(upgrade, H2C)
        || !request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        || ForwardedHeaders.hasBody(headers)
        || headers.getAll(SETTINGS).size() != 1) {
      return false;
    }
    Set<String> connection = HeaderNames.connectionOptions(headers.get(HttpHeaderNames.CONNECTION));
    return connection != null && connection.contains("upgrade") && connection.contains(SETTINGS);
  }

  /**
   * Whether {@code request} is a WebSocket handshake: an HTTP/1.1 {@code GET} offering {@code
   * websocket} in {@code Upgrade}, with {@code Upgrade} named in {@code Connection}.
   */
  static boolean webSocket(HttpRequest request) {
    HttpHeaders headers = request.headers();
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    if (upgrade == null
        || !request.method().equals(io.netty.handler.codec.http.HttpMethod.GET)
        || !request.protocolVersion().equals(HttpVersion.HTTP_1_1)
        || !offers(upgrade, "websocket")) {
      return false;
    }
    Set<String> connection = HeaderNames.connectionOptions(headers.get(HttpHeaderNames.CONNECTION));
    return connection != null && connection.contains("upgrade");
  }

  private static boolean offers(String list, String protocol) {
    for (String token : list.split(",")) {
      if (token.trim().toLowerCase(Locale.ROOT).equals(protocol)) {
        return true;
      }
    }
    return false;
  }
}
