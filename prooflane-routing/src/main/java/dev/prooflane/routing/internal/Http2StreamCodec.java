package dev.prooflane.routing.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conversion between the frames of a client's stream and the HTTP/1.1 messages of its exchange
 * ({@link Http2ClientStream} calls it; it is not a handler of any pipeline): Netty's, except for
 * the common request, a whole one (its HEADERS end the stream) of plain fields, whose header block
 * becomes a {@link WireHead} at once. Such a head goes on to an HTTP/1.1 upstream as one copy of
 * bytes (see {@link UpstreamRequest}) instead of through two decoded header maps and the request
 * encoder. It holds what Netty's conversion gives, {@code :authority} as {@code Host} included,
 * less the {@code x-http2-} names that the router never reads nor forwards (see {@link
 * HeaderNames#isHttp2Extension}). A field the conversion changes ({@code Cookie}, joined; {@code
 * Host}, checked against {@code :authority}; {@code TE}, {@code Trailer}, {@code x-http2-}),
 * another pseudo-header, {@code CONNECT}, more fields than the router takes, or a character a head
 * cannot hold: Netty's conversion, as for every other frame. One serves the streams of a
 * connection.
 */
final class Http2StreamCodec extends Http2StreamFrameToHttpObjectCodec {
  private final int maxHeaders;

  /**
   * @param maxHeaders the header fields a request may have (see {@link RequestChecks#head})
   */
  Http2StreamCodec(int maxHeaders) {
    super(true, false);
    this.maxHeaders = maxHeaders;
  }

  private final List<Object> out = new ArrayList<>(2);

  /**
   * The message of a client's HEADERS or DATA frame (a request head, a part of its body, or its
   * trailers); the frame stays the caller's to release.
   *
   * @param ctx the connection's context (for its allocator)
   */
  HttpObject message(ChannelHandlerContext ctx, Http2StreamFrame frame) throws Exception {
    out.clear();
    decode(ctx, frame, out);
    return (HttpObject) out.get(0);
  }

  /**
   * The frames of a part of an answer, in order, each holding its own reference to the content; the
   * message stays the caller's to release. When the conversion fails, the frames it made are
   * released.
   *
   * @param ctx the connection's context
   */
  Object[] frames(ChannelHandlerContext ctx, HttpObject message) throws Exception {
    out.clear();
    try {
      encode(ctx, message, out);
      return out.toArray();
    } catch (Exception failed) {
      out.forEach(ReferenceCountUtil::release);
      throw failed;
    } finally {
      out.clear();
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out)
      throws Exception {
    if (frame instanceof Http2HeadersFrame head && head.isEndStream()) {
      WireHead fields = plainFields(head.headers());
      if (fields != null) {
        Http2Headers headers = head.headers();
        out.add(
            new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(headers.method().toString()),
                headers.path().toString(),
                Unpooled.EMPTY_BUFFER,
                new WireHeaders(fields),
                EmptyHttpHeaders.INSTANCE));
        return;
      }
    }
    super.decode(ctx, frame, out);
  }

  /**
   * The request's fields as a head ({@code :authority} as {@code Host}, where it stands in the
   * block), or null when the request is not plain (see the class comment).
   */
  private WireHead plainFields(Http2Headers headers) {
    CharSequence method = headers.method();
    if (method == null
        || headers.path() == null
        || headers.size() > maxHeaders
        || HttpMethod.CONNECT.asciiName().contentEqualsIgnoreCase(method)) {
      return null;
    }
    // the head's size: each field's line; :authority becomes Host, the other pseudo-headers go
    int length = 0;
    for (Map.Entry<CharSequence, CharSequence> field : headers) {
      CharSequence name = field.getKey();
      boolean pseudo = name.length() > 0 && name.charAt(0) == ':';
      if (!pseudo || Http2Headers.PseudoHeaderName.AUTHORITY.value().contentEquals(name)) {
        length += (pseudo ? 4 : name.length()) + field.getValue().length() + 4;
      }
    }
    WireHeadBuilder out = new WireHeadBuilder(length, headers.size());
    for (Map.Entry<CharSequence, CharSequence> field : headers) {
      CharSequence name = field.getKey();
      CharSequence value = field.getValue();
      if (!isValue(value)) {
        return null;
      }
      if (name.length() > 0 && name.charAt(0) == ':') {
        if (Http2Headers.PseudoHeaderName.AUTHORITY.value().contentEquals(name)) {
          out.add("host", value);
        } else if (!Http2Headers.PseudoHeaderName.METHOD.value().contentEquals(name)
            && !Http2Headers.PseudoHeaderName.SCHEME.value().contentEquals(name)
            && !Http2Headers.PseudoHeaderName.PATH.value().contentEquals(name)) {
          return null;
        }
        continue;
      }
      if (!isPlainName(name)) {
        return null;
      }
      out.add(name, value);
    }
    return out.build();
  }

  /** A lower-case token that Netty's conversion copies as it is. */
  private static boolean isPlainName(CharSequence name) {
    int length = name.length();
    if (length == 0) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      char c = name.charAt(k);
      if (c > 0x7f || (c >= 'A' && c <= 'Z') || !WireHeadParser.isTchar((byte) c)) {
        return false;
      }
    }
    return switch (length) {
      case 2 -> !contentEquals(name, "te");
      case 4 -> !contentEquals(name, "host");
      case 6 -> !contentEquals(name, "cookie");
      case 7 -> !contentEquals(name, "trailer");
      case 10 -> !contentEquals(name, "connection");
      default -> length < 8 || !startsWith(name, "x-http2-");
    };
  }

  private static boolean contentEquals(CharSequence a, String b) {
    return b.contentEquals(a);
  }

  private static boolean startsWith(CharSequence text, String prefix) {
    for (int k = 0; k < prefix.length(); k++) {
      if (text.charAt(k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A field value as a head holds it: visible ASCII characters, spaces and tabs inside, no blank at
   * either end (Netty's HTTP/2 decoder refuses most of the rest already; this keeps {@link
   * WireHead}'s promise on its own). HPACK gives every value as an {@link AsciiString}.
   */
  private static boolean isValue(CharSequence value) {
    if (!(value instanceof AsciiString text)) {
      return false;
    }
    byte[] bytes = text.array();
    int from = text.arrayOffset();
    int length = text.length();
    if (length > 0
        && (WireHead.isBlank(bytes[from]) || WireHead.isBlank(bytes[from + length - 1]))) {
      return false;
    }
    for (int k = from; k < from + length; k++) {
      if (!WireHeadParser.isFieldByte(bytes[k])) {
        return false;
      }
    }
    return true;
  }
}
