package dev.prooflane.routing.internal;

import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.testing.GeneratedText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link WireHeadParser} against Netty's HTTP decoders, configured as the router configures them:
 * whatever head the parser accepts, the decoder accepts with the same start line, the same fields
 * in the same order and the same {@code Content-Length}; whatever the decoder refuses, the parser
 * therefore never accepts (it declines, and the decoder refuses it in the router). Heads are built
 * from fragments that are valid, nearly valid and hostile, then one byte may be changed, added or
 * removed.
 */
class WireHeadParserPropertiesTest {
  private static final Gen<String> METHODS =
      mostly(
          List.of("GET", "POST", "PUT", "DELETE", "HEAD", "TRACE"),
          List.of("get", "G@T", "", "M\u0000", "GE T", "G\u00c9T"));
  private static final Gen<String> TARGETS =
      mostly(
          List.of("/", "/a/b?c=d&e", "*", "http://h/x", "/%00", "/a?pk=key-a"),
          List.of("/a b", "/\u00e9", "", "/\u007f", "/a\tb", "/a\u0000"));
  private static final Gen<String> VERSIONS =
      mostly(
          List.of("HTTP/1.1"),
          List.of("HTTP/1.0", "HTTP/1.1 ", "http/1.1", "HTTP/2.0", "HTTP/1.10", "HTTP/1"));
  private static final Gen<String> SPACES = mostly(List.of(" "), List.of("  ", "\t", ""));
  private static final Gen<String> NAMES =
      mostly(
          List.of(
              "Host",
              "host",
              "Content-Length",
              "content-length",
              "Connection",
              "X-A",
              "x-prooflane-key",
              "baggage",
              "X-Forwarded-For",
              "!#$%&'*+-.^_`|~09azAZ"),
          List.of(
              "Transfer-Encoding",
              "Upgrade",
              "Expect",
              "x-http2-scheme",
              "X A",
              "",
              "X\u0000A",
              "\u00e9",
              "X:A",
              " X-A",
              "X-A ",
              "X(A)"));
  private static final Gen<String> COLONS =
      mostly(List.of(":", ": ", ":\t", ":  "), List.of(" :", "", "\t:"));
  private static final Gen<String> VALUES =
      mostly(
          List.of(
              "1",
              "0",
              "5",
              "007",
              "-1",
              "+5",
              "5, 6",
              "18446744073709551616",
              "chunked",
              "close",
              "keep-alive, x-a",
              "close,",
              "a, ,",
              "shop.local",
              "a b",
              " v ",
              "v\t",
              "",
              "prooflane-key=key-a"),
          List.of(
              "a\u0000b",
              "a\rb",
              "a\nb",
              "a\u0001b",
              "a\u000bb",
              "a\u007fb",
              "\u00e9t\u00e9",
              "\u00ff"));
  private static final Gen<String> LINE_ENDS = mostly(List.of("\r\n"), List.of("\n", "\r", ""));
  private static final Gen<String> STATUS_LINES =
      mostly(
          List.of(
              "HTTP/1.1 200 OK",
              "HTTP/1.1 404 Not Found",
              "HTTP/1.1 204 No Content",
              "HTTP/1.1 503 Service Unavailable",
              "HTTP/1.1 299 x"),
          List.of(
              "HTTP/1.1 200 ",
              "HTTP/1.1 200",
              "HTTP/1.1 101 Switching Protocols",
              "HTTP/1.1 100 Continue",
              "HTTP/1.1 999 Odd",
              "HTTP/1.1 20 OK",
              "HTTP/1.0 200 OK",
              "HTTP/1.1 200 \u00e9",
              "HTTP/1.1 200 O\u0000K",
              "HTTP/1.1  200 OK",
              "HTTP/1.1 200 \tOK",
              "HTTP/1.1 200 OK "));
  private static final int TRIES = 20_000;
  private static final String HOSTILE_BYTES = "\u0000\r\n\t :\u007f\u00ff\u000b,;\"";

  private static final HttpDecoderConfig CONFIG =
      new HttpDecoderConfig()
          .setMaxInitialLineLength(NettyRouter.MAX_REQUEST_LINE)
          .setMaxHeaderSize(NettyRouter.MAX_HEADER_BYTES);

  /** Mostly one of {@code usual}, sometimes one of {@code odd}. */
  private static Gen<String> mostly(List<String> usual, List<String> odd) {
    return Generate.frequency(pair(12, Generate.pick(usual)), pair(1, Generate.pick(odd)));
  }

  private static Gen<String> fieldLines() {
    Gen<String> line =
        NAMES.zip(COLONS, VALUES, (n, c, v) -> n + c + v).zip(LINE_ENDS, (text, end) -> text + end);
    Gen<String> folded = VALUES.map(value -> " " + value + "\r\n");
    return GeneratedText.listOf(Generate.frequency(pair(12, line), pair(1, folded)), 0, 8)
        .map(lines -> String.join("", lines));
  }

  private static <T> org.quicktheories.api.Pair<Integer, Gen<T>> pair(int weight, Gen<T> gen) {
    return org.quicktheories.api.Pair.of(weight, gen);
  }

  private static Gen<String> requests() {
    Gen<String> line =
        METHODS
            .zip(SPACES, TARGETS, SPACES, (m, s1, t, s2) -> m + s1 + t + s2)
            .zip(VERSIONS, LINE_ENDS, (l, v, e) -> l + v + e);
    return mutated(line.zip(fieldLines(), (l, fields) -> l + fields + "\r\n"));
  }

  private static Gen<String> responses() {
    Gen<String> line = STATUS_LINES.map(status -> status + "\r\n");
    return mutated(line.zip(fieldLines(), (l, fields) -> l + fields + "\r\n"));
  }

  /** Half unchanged; otherwise one byte changed, added or removed. */
  private static Gen<String> mutated(Gen<String> heads) {
    Gen<Integer> what = Generate.range(0, 5);
    Gen<Integer> where = Generate.range(0, 10_000);
    Gen<Integer> which = Generate.range(0, HOSTILE_BYTES.length() - 1);
    return random -> {
      String head = heads.generate(random);
      int kind = what.generate(random);
      int at = where.generate(random) % Math.max(1, head.length());
      char c = HOSTILE_BYTES.charAt(which.generate(random));
      return switch (kind) {
        case 3 -> head.substring(0, at) + c + head.substring(Math.min(head.length(), at + 1));
        case 4 -> head.substring(0, at) + c + head.substring(at);
        case 5 -> head.substring(0, at) + head.substring(Math.min(head.length(), at + 1));
        default -> head;
      };
    };
  }

  @Test
  void everyRequestHeadItAcceptsNettysDecoderAcceptsWithTheSameFields() {
    forEveryAcceptedHead(
        requests(),
        WireHeadParser::request,
        (text, parsed) -> {
          HttpRequest decoded = (HttpRequest) decode(HttpRequestDecoder::new, text);
          assertThat(decoded.decoderResult().isSuccess()).as("decoded: %s", decoded).isTrue();
          assertThat(decoded.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
          assertThat(decoded.method()).isEqualTo(parsed.method());
          assertThat(decoded.uri()).isEqualTo(parsed.uri());
          assertSameFields(decoded, parsed);
          // the head ends at its first empty line; what follows is not the head's
          assertThat(parsed.length()).isEqualTo(text.indexOf("\r\n\r\n") + 4);
        });
  }

  @Test
  void everyResponseHeadItAcceptsNettysDecoderAcceptsWithTheSameFields() {
    forEveryAcceptedHead(
        responses(),
        WireHeadParser::response,
        (text, parsed) -> {
          HttpResponse decoded = (HttpResponse) decode(HttpResponseDecoder::new, text);
          assertThat(decoded.decoderResult().isSuccess()).as("decoded: %s", decoded).isTrue();
          assertThat(decoded.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
          assertThat(decoded.status().code()).isEqualTo(parsed.status());
          assertThat(decoded.status().reasonPhrase()).isEqualTo(parsed.reason());
          assertSameFields(decoded, parsed);
        });
  }

  /**
   * The router forwards a head the parser accepted from its bytes ({@link WireForwarding}) and any
   * other from Netty's decoded headers ({@link ForwardedHeaders}): both make the same edits.
   */
  @Test
  void forwardingTheBytesOfARequestHeadMakesTheSameFieldsAsForwardingItsDecodedHeaders() {
    Set<String> undroppable = Set.of("baggage", "x-prooflane-key");
    forEveryAcceptedHead(
        requests(),
        WireHeadParser::request,
        (text, parsed) -> {
          HttpHeaders decoded = decode(HttpRequestDecoder::new, text).headers();
          HttpHeaders fromDecoded = new DefaultHttpHeaders();
          ForwardedHeaders.toUpstream(decoded, "10.0.0.9", fromDecoded, 3, undroppable, "https");
          WireHead fromBytes =
              WireForwarding.request(parsed.head(), "10.0.0.9", 3, undroppable, "https");
          assertThat(fields(fromBytes)).isEqualTo(fromDecoded.entries());
        });
  }

  @Test
  void forwardingTheBytesOfAResponseHeadMakesTheSameFieldsAsForwardingItsDecodedHeaders() {
    forEveryAcceptedHead(
        responses(),
        WireHeadParser::response,
        (text, parsed) -> {
          HttpHeaders fromDecoded = new DefaultHttpHeaders();
          ForwardedHeaders.copyResponse(
              decode(HttpResponseDecoder::new, text).headers(), fromDecoded);
          assertThat(fields(WireForwarding.response(parsed.head(), null)))
              .isEqualTo(fromDecoded.entries());
        });
  }

  @Test
  void neverAcceptsAHeadBeforeItsEmptyLine() {
    tries(5_000)
        .check(
            requests().zip(Generate.range(0, 10_000), (text, cut) -> List.of(text, cut)),
            input -> {
              String text = (String) input.get(0);
              ParsedHead whole = WireHeadParser.request(bytes(text));
              if (whole == null || whole.declined()) {
                return;
              }
              // the head ends at the first empty line, which the generated text can hold early
              // (what follows it is a body): cut strictly inside the head the parser found
              String prefix = text.substring(0, (Integer) input.get(1) % whole.length());
              ParsedHead parsed = WireHeadParser.request(bytes(prefix));
              assertThat(parsed == null || parsed.declined()).as("accepted a prefix").isTrue();
            });
  }

  /** The heads of RouterHardeningTest's refused requests: none gets past the parser. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 5a\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \u000bchunked\r\n\r\n",
        "POST /v HTTP/1.0\r\nHost: a\r\nContent-Length: 1\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: one\r\n\ttwo\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: a\u0000b\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: a\nX-B: b\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: a\u0001b\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-A: a\u007fb\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-\u0000A: b\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nx-prooflane-key: key-a\rX-Injected: 1\r\n\r\n",
        "GET /v HTTP/1.1\nHost: a\n\n",
        "GET /v HTTP/9.9\r\nHost: a\r\n\r\n",
        "GET /v HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
        "POST /v HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n",
        "\r\nGET /v HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nx-http2-scheme: https\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nX-Http2-Stream-Id: 3\r\n\r\n",
        "GET /v HTTP/1.1\r\nHost: a\r\nx-http2-path: /admin\r\n\r\n"
      })
  void declinesWhatTheRouterRefusesOrReadsWithNettysDecoder(String head) {
    ParsedHead parsed = WireHeadParser.request(bytes(head));

    assertThat(parsed).isNotNull();
    assertThat(parsed.declined()).isTrue();
  }

  @Test
  void acceptsAPlainRequestAndLocatesItsFields() {
    String text = "GET /a?b=c HTTP/1.1\r\nHost: shop.local\r\nX-A:  one two \t\r\nX-B:\r\n\r\nrest";
    ParsedHead parsed = WireHeadParser.request(bytes(text));

    assertThat(parsed.declined()).isFalse();
    assertThat(parsed.length()).isEqualTo(text.length() - 4);
    assertThat(parsed.uri()).isEqualTo("/a?b=c");
    assertThat(parsed.head().values("x-a")).containsExactly("one two");
    assertThat(parsed.head().values("X-B")).containsExactly("");
    assertThat(parsed.contentLength()).isEqualTo(-1);
  }

  @Test
  void waitsForTheRestOfAnIncompleteHead() {
    assertThat(WireHeadParser.request(bytes("GET / HTTP/1.1\r\nHost: a\r\n"))).isNull();
    assertThat(WireHeadParser.response(bytes("HTTP/1.1 200 OK\r\nContent-Le"))).isNull();
  }

  /**
   * Netty's own checks of a message's fields ({@code HttpUtil.isKeepAlive}, {@code
   * isTransferEncodingChunked}) ask whether a field lists a value: {@link WireHeaders} answers from
   * the head's bytes as Netty's decoded headers do.
   */
  @Test
  void aHeadsBytesListTheValuesItsDecodedHeadersList() {
    List<String> names = List.of("connection", "Transfer-Encoding", "x-a", "content-length");
    List<String> tokens = List.of("close", "CLOSE", "keep-alive", "chunked", "x-a", "5", "", "v");
    forEveryAcceptedHead(
        requests(),
        WireHeadParser::request,
        (text, parsed) -> {
          HttpHeaders decoded = decode(HttpRequestDecoder::new, text).headers();
          HttpHeaders wire = new WireHeaders(parsed.head());
          for (String name : names) {
            for (String token : tokens) {
              for (boolean ignoreCase : new boolean[] {true, false}) {
                assertThat(wire.containsValue(name, token, ignoreCase))
                    .as("%s lists %s (ignoring case: %s) in %s", name, token, ignoreCase, text)
                    .isEqualTo(decoded.containsValue(name, token, ignoreCase));
              }
            }
          }
        });
  }

  private static void assertSameFields(HttpMessage decoded, ParsedHead parsed) {
    assertThat(fields(parsed.head())).isEqualTo(decoded.headers().entries());
    assertThat(parsed.contentLength()).isEqualTo(HttpUtil.getContentLength(decoded, -1L));
  }

  /**
   * Checks {@code property} on every generated head that {@code parser} accepts; the generated
   * heads reach it often enough to mean something.
   */
  private static void forEveryAcceptedHead(
      Gen<String> heads,
      Function<ByteBuf, ParsedHead> parser,
      BiConsumer<String, ParsedHead> property) {
    AtomicInteger accepted = new AtomicInteger();
    tries(TRIES)
        .check(
            heads,
            text -> {
              ParsedHead parsed = parser.apply(bytes(text));
              if (parsed != null && !parsed.declined()) {
                accepted.incrementAndGet();
                property.accept(text, parsed);
              }
            });
    assertThat(accepted.get()).isGreaterThan(TRIES / 20);
  }

  private static List<Map.Entry<String, String>> fields(WireHead head) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (int i = 0; i < head.count(); i++) {
      fields.add(Map.entry(head.name(i), head.value(i)));
    }
    return fields;
  }

  private static HttpMessage decode(
      java.util.function.Function<HttpDecoderConfig, HttpObjectDecoder> decoder, String text) {
    EmbeddedChannel channel = new EmbeddedChannel(decoder.apply(CONFIG));
    try {
      channel.writeInbound(bytes(text));
      Object first = channel.readInbound();
      assertThat(first).as("decoded nothing from a complete head").isInstanceOf(HttpMessage.class);
      HttpMessage message = (HttpMessage) first;
      drain(channel::readInbound);
      ReferenceCountUtil.release(first);
      return message;
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  private static void drain(Supplier<Object> inbound) {
    Object next;
    while ((next = inbound.get()) != null) {
      ReferenceCountUtil.release(next);
    }
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
