package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Set;

/**
 * The heads the router sends on, built from the bytes of the heads it received: the same edits as
 * {@link ForwardedHeaders} makes on decoded headers, with every field that is kept copied as it
 * arrived.
 */
final class WireForwarding {
  private static final int ADDED_BYTES = 160;

  /** The fields {@link #request} adds: X-Forwarded-For, -Host and -Proto, the hop count. */
  private static final int ADDED_FIELDS = 4;

  private WireForwarding() {}

  /**
   * The header fields of a request to an HTTP/1.1 upstream: {@code in} minus hop-by-hop fields
   * (those {@code Connection} names too, except the ones in {@code undroppable}), {@code
   * X-Forwarded-For} appended to with {@code client}, {@code X-Forwarded-Host}/{@code -Proto} set
   * ({@code -Proto} to {@code scheme}) and the hop count replaced by {@code hops}; see {@link
   * ForwardedHeaders#toUpstream}.
   */
  static WireHead request(
      WireHead in, String client, int hops, Set<String> undroppable, String scheme) {
    Set<String> listed = connectionOptions(in);
    int host = in.indexOf("host");
    // the host goes on twice: as it is and as X-Forwarded-Host
    int hostLength = host < 0 ? 0 : in.valueEnd(host) - in.valueStart(host);
    WireHeadBuilder out =
        new WireHeadBuilder(
            in.fieldsLength() + hostLength + ADDED_BYTES, in.count() + ADDED_FIELDS);
    String priorForwardedFor = null;
    for (int i = 0; i < in.count(); i++) {
      if (isHopByHop(in, i) || (isListed(listed, in, i) && !isUndroppable(undroppable, in, i))) {
        continue;
      }
      switch (in.nameLength(i)) {
        case 15 -> {
          if (in.nameIs(i, HeaderNames.X_FORWARDED_FOR)) {
            String value = in.value(i);
            priorForwardedFor =
                priorForwardedFor == null ? value : priorForwardedFor + ", " + value;
            continue;
          }
        }
        case 16 -> {
          if (in.nameIs(i, HeaderNames.X_FORWARDED_HOST) || in.nameIs(i, RequestChecks.HOPS)) {
            continue;
          }
        }
        case 17 -> {
          if (in.nameIs(i, HeaderNames.X_FORWARDED_PROTO)) {
            continue;
          }
        }
        default -> {}
      }
      out.copy(in, i);
    }
    if (priorForwardedFor == null) {
      out.add(HeaderNames.X_FORWARDED_FOR, client);
    } else {
      out.add(HeaderNames.X_FORWARDED_FOR, priorForwardedFor, client);
    }
    if (host >= 0) {
      out.add(HeaderNames.X_FORWARDED_HOST, in.valueView(host));
    }
    return out.add(HeaderNames.X_FORWARDED_PROTO, scheme)
        .add(RequestChecks.HOPS, Integer.toString(hops))
        .build();
  }

  /**
   * The header fields of a response to an HTTP/1.1 client: {@code in} minus hop-by-hop fields (and
   * those {@code Connection} names), then {@code Connection: connection} unless it is null.
   */
  static WireHead response(WireHead in, String connection) {
    Set<String> listed = connectionOptions(in);
    WireHeadBuilder out = new WireHeadBuilder(in.fieldsLength() + 64, in.count() + 1);
    for (int i = 0; i < in.count(); i++) {
      if (!isHopByHop(in, i) && !isListed(listed, in, i)) {
        out.copy(in, i);
      }
    }
    if (connection != null) {
      out.add("connection", connection);
    }
    return out.build();
  }

  /**
   * The header block of a response to an HTTP/2 client: {@code :status} {@code status}, then {@code
   * in} minus hop-by-hop fields (and those {@code Connection} names), names in lower case; what
   * {@link ForwardedHeaders#copyResponse} and Netty's HTTP/1-to-HTTP/2 conversion make of it
   * together. Null when {@code in} has a field that conversion treats apart ({@code Cookie}, split;
   * {@code Host} and Netty's {@code x-http2-} names, dropped): that head takes the decoded path.
   */
  static Http2Headers http2Response(WireHead in, AsciiString status) {
    Set<String> listed = connectionOptions(in);
    // the fields passed the parser's checks
    Http2Headers out = new DefaultHttp2Headers(false, false, in.count() + 1);
    out.status(status);
    for (int i = 0; i < in.count(); i++) {
      if (isHopByHop(in, i) || isListed(listed, in, i)) {
        continue;
      }
      if (isConvertedApart(in, i)) {
        return null;
      }
      // a view: nothing writes a head's bytes once it is made
      out.add(lowerCaseName(in, i), in.valueView(i));
    }
    return out;
  }

  private static boolean isConvertedApart(WireHead head, int i) {
    return switch (head.nameLength(i)) {
      case 4 -> head.nameIs(i, "host");
      case 6 -> head.nameIs(i, "cookie");
      default ->
          head.nameLength(i) > 7
              && WireHead.startsWithLowerCase(head.bytes(), head.lineStart(i), "x-http2-");
    };
  }

  /** Response field names common enough that their lower case is kept, not made per response. */
  private static final AsciiString[] COMMON_RESPONSE_NAMES = {
    HttpHeaderNames.CONTENT_TYPE,
    HttpHeaderNames.CONTENT_LENGTH,
    HttpHeaderNames.DATE,
    HttpHeaderNames.SERVER,
    HttpHeaderNames.CACHE_CONTROL,
    HttpHeaderNames.ETAG,
    HttpHeaderNames.LAST_MODIFIED,
    HttpHeaderNames.VARY,
    HttpHeaderNames.EXPIRES,
    HttpHeaderNames.LOCATION,
    HttpHeaderNames.CONTENT_ENCODING,
    HttpHeaderNames.SET_COOKIE,
    HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN,
    AsciiString.cached("grpc-status"),
    AsciiString.cached("grpc-message")
  };

  private static AsciiString lowerCaseName(WireHead head, int i) {
    int length = head.nameLength(i);
    for (AsciiString common : COMMON_RESPONSE_NAMES) {
      if (common.length() == length && head.nameEqualsIgnoreCase(i, common)) {
        return common;
      }
    }
    byte[] bytes = head.bytes();
    int start = head.lineStart(i);
    byte[] name = new byte[head.nameLength(i)];
    for (int k = 0; k < name.length; k++) {
      byte b = bytes[start + k];
      name[k] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
    return new AsciiString(name, false);
  }

  /** Whether {@link #response} keeps the {@code Content-Length} of {@code in}: it has one. */
  static boolean keepsLength(WireHead in) {
    if (in.indexOf("content-length") < 0) {
      return false;
    }
    Set<String> listed = connectionOptions(in);
    return listed == null || !listed.contains("content-length");
  }

  /**
   * The names the first {@code Connection} field lists; see {@link HeaderNames#connectionOptions}.
   */
  private static Set<String> connectionOptions(WireHead head) {
    int at = head.indexOf("connection");
    return at < 0 ? null : HeaderNames.connectionOptions(head.valueView(at));
  }

  private static boolean isListed(Set<String> listed, WireHead head, int i) {
    return listed != null && listed.contains(head.name(i).toLowerCase(Locale.ROOT));
  }

  private static boolean isUndroppable(Set<String> undroppable, WireHead head, int i) {
    return undroppable.contains(head.name(i).toLowerCase(Locale.ROOT));
  }

  /** {@link HeaderNames#isHopByHop} on the field's bytes. */
  private static boolean isHopByHop(WireHead head, int i) {
    return switch (head.nameLength(i)) {
      case 2 -> head.nameIs(i, "te");
      case 6 -> head.nameIs(i, "expect");
      case 7 -> head.nameIs(i, "upgrade");
      case 10 -> head.nameIs(i, "connection") || head.nameIs(i, "keep-alive");
      case 16 -> head.nameIs(i, "proxy-connection");
      case 17 -> head.nameIs(i, "transfer-encoding");
      case 18 -> head.nameIs(i, "proxy-authenticate");
      case 19 -> head.nameIs(i, "proxy-authorization");
      default -> false;
    };
  }
}
