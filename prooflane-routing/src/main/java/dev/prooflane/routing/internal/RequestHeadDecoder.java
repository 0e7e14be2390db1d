package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * The request decoder of an HTTP/1.1 client connection: a plainly valid head with no body or a
 * {@code Content-Length} body is read by {@link WireHeadParser} and handed on as a request whose
 * headers are its bytes ({@link WireHeaders}), its body as slices; any other request (chunked,
 * upgrades, HTTP/1.0, anything the parser declines) goes through Netty's request decoder, which
 * owns it to its end. Netty's decoder gets two checks it does not make itself: it refuses obsolete
 * line folding (a header line starting with a space or tab, RFC 9112 section 5.2). Either way the
 * decoder tells {@link ConnectionDeadlines} when the bytes of a new request head start to arrive.
 *
 * <p>Netty joins a folded line onto the previous header with a space, so after decoding a fold
 * cannot be told from a value that contains a space; the check therefore looks at the raw head
 * bytes the decoder consumed. A folded request is handed on as invalid, so the listener answers
 * {@code 400} and closes the connection. Only head bytes are scanned, never a body.
 */
final class RequestHeadDecoder extends HttpRequestDecoder {
  static final String FOLDING_MESSAGE =
      "obsolete line folding: a header line starts with a space or tab (send each header on one"
          + " line)";

  private final ConnectionDeadlines deadlines;

  private final WireDecoding wire = new WireDecoding(new RequestHeads());

  private boolean awaitingHead = true;
  private boolean folded;
  private boolean afterLineFeed;

  RequestHeadDecoder(HttpDecoderConfig config, ConnectionDeadlines deadlines) {
    super(config);
    this.deadlines = deadlines;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    wire.decode(buffer, out, () -> decodeNetty(ctx, buffer, out));
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    wire.closing();
    super.decodeLast(ctx, in, out);
  }

  /** The parser's side: a request head it accepted is handed on with its headers as bytes. */
  private final class RequestHeads implements WireDecoding.Heads {
    @Override
    public ParsedHead parse(ByteBuf in) {
      return WireHeadParser.request(in);
    }

    @Override
    public boolean read(ParsedHead head, ByteBuf in, List<Object> out, FixedLengthBody body) {
      in.skipBytes(head.length());
      WireHeaders headers = new WireHeaders(head.head());
      if (head.contentLength() <= 0) {
        // no body: the request in one piece, as an HTTP/2 stream's
        out.add(
            new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                head.method(),
                head.uri(),
                Unpooled.EMPTY_BUFFER,
                headers,
                EmptyHttpHeaders.INSTANCE));
        return true;
      }
      out.add(new DefaultHttpRequest(HttpVersion.HTTP_1_1, head.method(), head.uri(), headers));
      body.start(head.contentLength(), in, out);
      return true;
    }

    @Override
    public void incomplete() {
      deadlines.headStarted();
    }
  }

  private void decodeNetty(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (!awaitingHead) {
      super.decode(ctx, buffer, out);
      afterMessages(out, 0);
      return;
    }
    int start = buffer.readerIndex();
    int before = out.size();
    super.decode(ctx, buffer, out);
    scanHead(buffer, start, buffer.readerIndex());
    afterMessages(out, before);
    if (awaitingHead && (buffer.readerIndex() > start || buffer.isReadable())) {
      deadlines.headStarted();
    }
  }

  private void scanHead(ByteBuf buffer, int from, int to) {
    boolean lineFeed = afterLineFeed;
    for (int i = from; i < to && !folded; i++) {
      byte b = buffer.getByte(i);
      if (lineFeed && (b == ' ' || b == '\t')) {
        folded = true;
      }
      lineFeed = b == '\n';
    }
    afterLineFeed = lineFeed;
  }

  private void afterMessages(List<Object> out, int from) {
    for (int i = from; i < out.size(); i++) {
      Object message = out.get(i);
      if (message instanceof HttpRequest head) {
        awaitingHead = false;
        afterLineFeed = false;
        if (folded && head.decoderResult().isSuccess()) {
          head.setDecoderResult(
              DecoderResult.failure(new IllegalArgumentException(FOLDING_MESSAGE)));
        }
        folded = false;
      }
      if (message instanceof LastHttpContent) {
        awaitingHead = true;
      }
    }
  }
}
