package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the header sets the router sends on: to the upstream, and back to the client. */
final class ForwardedHeaders {
  private ForwardedHeaders() {}

  /**
   * The client's headers {@code in} minus hop-by-hop ones, with {@code Host} kept as sent, {@code
   * X-Forwarded-For} appended to with {@code client}, {@code X-Forwarded-Host} set, {@code
   * X-Forwarded-Proto} set to {@code scheme} (the client connection's) and the hop count replaced
   * by {@code hops}, added to {@code out}. A header in {@code undroppable} is kept even when {@code
   * Connection} names it. The names Netty gives HTTP/2 pseudo-headers and stream ids ({@code
   * x-http2-...}) are not forwarded, nor believed: an HTTP/1.1 client can send them too.
   */
  static void toUpstream(
      HttpHeaders in,
      String client,
      HttpHeaders out,
      int hops,
      Set<String> undroppable,
      String scheme) {
    Set<String> connectionOptions =
        HeaderNames.connectionOptions(in.get(HttpHeaderNames.CONNECTION));
    String priorForwardedFor = null;
    for (Iterator<Map.Entry<String, String>> it = in.iteratorAsString(); it.hasNext(); ) {
      Map.Entry<String, String> header = it.next();
      String name = header.getKey();
      if (HeaderNames.isHttp2Extension(name)) {
        continue;
      }
      if (HeaderNames.isHopByHop(name)
          || (isListed(connectionOptions, name)
              && !undroppable.contains(name.toLowerCase(Locale.ROOT)))) {
        continue;
      }
      if (HeaderNames.isForwarded(name)) {
        if (name.equalsIgnoreCase(HeaderNames.X_FORWARDED_FOR)) {
          priorForwardedFor =
              priorForwardedFor == null
                  ? header.getValue()
                  : priorForwardedFor + ", " + header.getValue();
        }
        continue;
      }
      out.add(name, header.getValue());
    }
    out.set(
        HeaderNames.X_FORWARDED_FOR,
        priorForwardedFor == null ? client : priorForwardedFor + ", " + client);
    String host = in.get(HttpHeaderNames.HOST);
    if (host != null) {
      out.set(HeaderNames.X_FORWARDED_HOST, host);
    }
    out.set(HeaderNames.X_FORWARDED_PROTO, scheme);
    out.set(RequestChecks.HOPS, Integer.toString(hops));
  }

  /** Copies the upstream's response headers minus hop-by-hop ones into {@code out}. */
  static void copyResponse(HttpHeaders in, HttpHeaders out) {
    Set<String> connectionOptions =
        HeaderNames.connectionOptions(in.get(HttpHeaderNames.CONNECTION));
    for (Iterator<Map.Entry<String, String>> it = in.iteratorAsString(); it.hasNext(); ) {
      Map.Entry<String, String> header = it.next();
      String name = header.getKey();
      if (!HeaderNames.isHopByHop(name) && !isListed(connectionOptions, name)) {
        out.add(name, header.getValue());
      }
    }
  }

  private static boolean isListed(Set<String> connectionOptions, String name) {
    return connectionOptions != null && connectionOptions.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a request with these headers has a body to stream. */
  static boolean hasBody(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    return length != null && !length.equals("0");
  }

  /** Whether a response to {@code method} with {@code status} never has a body. */
  static boolean responseHasNoBody(String method, int status) {
    return status == 204
        || status == 304
        || (status >= 100 && status < 200)
        || "HEAD".equals(method);
  }
}
