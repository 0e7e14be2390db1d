package dev.prooflane.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Http2StreamCodecTest {
  private static final int MAX_HEADERS = 100;

  /** A request's header block as HPACK gives it: every value an {@link AsciiString}. */
  private static Http2Headers request(String... more) {
    Http2Headers headers =
        new DefaultHttp2Headers(false)
            .method(AsciiString.of("GET"))
            .scheme(AsciiString.of("http"))
            .authority(AsciiString.of("shop.local:8080"))
            .path(AsciiString.of("/cart?item=1"))
            .add("user-agent", AsciiString.of("h2load nghttp2/1.52.0"))
            .add("x-prooflane-key", AsciiString.of("sb-1"))
            .add("accept", AsciiString.of("*/*"))
            .add("baggage", AsciiString.of("a=1,  b=2"));
    for (int i = 0; i < more.length; i += 2) {
      headers.add(more[i], AsciiString.of(more[i + 1]));
    }
    return headers;
  }

  /** What {@code codec} makes of a HEADERS frame with {@code headers}. */
  private static HttpRequest decode(
      Http2StreamFrameToHttpObjectCodec codec, Http2Headers headers, boolean endStream) {
    EmbeddedChannel channel = new EmbeddedChannel(codec);
    channel.writeInbound(new DefaultHttp2HeadersFrame(headers, endStream));
    HttpRequest request = channel.readInbound();
    channel.finishAndReleaseAll();
    return request;
  }

  /** The fields of {@code request} as name-value pairs, less Netty's {@code x-http2-} names. */
  private static List<Map.Entry<String, String>> fields(HttpRequest request) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (Map.Entry<String, String> field : request.headers()) {
      if (!HeaderNames.isHttp2Extension(field.getKey())) {
        fields.add(Map.entry(field.getKey(), field.getValue()));
      }
    }
    ReferenceCountUtil.release(request);
    return fields;
  }

  private static HttpRequest netty(Http2Headers headers, boolean endStream) {
    return decode(new Http2StreamFrameToHttpObjectCodec(true, false), headers, endStream);
  }

  @Test
  void givesAWholePlainRequestAsWireHeadersWithTheFieldsOfNettysConversion() {
    HttpRequest request = decode(new Http2StreamCodec(MAX_HEADERS), request(), true);
    HttpRequest expected = netty(request(), true);

    assertThat(request).isInstanceOf(FullHttpRequest.class);
    assertThat(request.headers()).isInstanceOf(WireHeaders.class);
    assertThat(request.method()).isEqualTo(expected.method());
    assertThat(request.uri()).isEqualTo("/cart?item=1").isEqualTo(expected.uri());
    assertThat(request.headers().get("host")).isEqualTo("shop.local:8080");
    assertThat(fields(request)).isEqualTo(fields(expected));
  }

  @Test
  void leavesFieldsNettysConversionChangesToIt() {
    List<Http2Headers> changed =
        List.of(
            request("cookie", "a=1", "cookie", "b=2"),
            request("host", "shop.local:8080"),
            request("te", "trailers"),
            request("trailer", "grpc-status"),
            request("x-http2-stream-id", "7"),
            request("x-note", "caf\u00e9"),
            request("x-note", "line\u0001break"),
            request("x-note", " padded"));
    for (Http2Headers headers : changed) {
      HttpRequest request = decode(new Http2StreamCodec(MAX_HEADERS), headers, true);
      assertThat(request.headers()).isNotInstanceOf(WireHeaders.class);
      assertThat(fields(request)).isEqualTo(fields(netty(headers, true)));
    }
  }

  @Test
  void leavesARequestWithABodyOrPastTheHeaderLimitToNettysConversion() {
    HttpRequest withBody = decode(new Http2StreamCodec(MAX_HEADERS), request(), false);
    HttpRequest tooMany = decode(new Http2StreamCodec(5), request(), true);

    assertThat(withBody.headers()).isNotInstanceOf(WireHeaders.class);
    assertThat(withBody.headers().get("transfer-encoding")).isEqualTo("chunked");
    assertThat(tooMany.headers()).isNotInstanceOf(WireHeaders.class);
    ReferenceCountUtil.release(withBody);
    ReferenceCountUtil.release(tooMany);
  }
}
