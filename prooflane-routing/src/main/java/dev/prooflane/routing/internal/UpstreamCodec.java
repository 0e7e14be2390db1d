package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The HTTP/1.1 codec of an upstream connection, in place of Netty's {@code HttpClientCodec}: the
 * request encoder writes headers still as their bytes ({@link WireHeaders}) as one copy, and the
 * response decoder reads a plainly valid head with a {@code Content-Length} body (or none) with
 * {@link WireHeadParser}, leaving every other response (chunked, until close, informational,
 * anything the parser declines) to Netty's decoder. As in Netty's codec, the encoder remembers each
 * request's method so that the answer to a {@code HEAD} is read without a body.
 */
final class UpstreamCodec
    extends CombinedChannelDuplexHandler<UpstreamCodec.Decoder, UpstreamCodec.Encoder> {
  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(2);

  UpstreamCodec(HttpDecoderConfig config) {
    init(new Decoder(config), new Encoder());
  }

  final class Encoder extends HttpRequestEncoder {
    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out)
        throws Exception {
      if (msg instanceof HttpRequest request) {
        methods.offer(request.method());
      }
      super.encode(ctx, msg, out);
    }

    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
      if (!WireHeaders.writeUnchanged(headers, buf)) {
        super.encodeHeaders(headers, buf);
      }
    }
  }

  final class Decoder extends HttpResponseDecoder implements WireDecoding.Heads {
    private final WireDecoding wire = new WireDecoding(this);

    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      wire.decode(buffer, out, () -> super.decode(ctx, buffer, out));
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
        throws Exception {
      wire.closing();
      super.decodeLast(ctx, in, out);
    }

    @Override
    public ParsedHead parse(ByteBuf in) {
      return WireHeadParser.response(in);
    }

    /** Hands on a response head the parser accepted; declines one whose body lasts until close. */
    @Override
    public boolean read(ParsedHead head, ByteBuf in, List<Object> out, FixedLengthBody body) {
      int status = head.status();
      boolean noBody = HttpMethod.HEAD.equals(methods.peek()) || status == 204 || status == 304;
      if (!noBody && head.contentLength() < 0) {
        return false;
      }
      methods.poll();
      in.skipBytes(head.length());
      HttpResponseStatus code = HttpResponseStatus.valueOf(status, head.reason());
      WireHeaders headers = new WireHeaders(head.head());
      long length = noBody ? 0 : head.contentLength();
      if (FixedLengthBody.fitsOnePiece(length, in)) {
        // the whole answer arrived: it goes on in one piece
        ByteBuf content = length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice((int) length);
        out.add(
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, code, content, headers, EmptyHttpHeaders.INSTANCE));
        return true;
      }
      out.add(new DefaultHttpResponse(HttpVersion.HTTP_1_1, code, headers));
      body.start(length, in, out);
      return true;
    }

    @Override
    public void incomplete() {
      // an upstream's slow head is bounded by the exchange's idle timeout
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
      HttpResponseStatus status = ((HttpResponse) msg).status();
      if (status.codeClass() == HttpStatusClass.INFORMATIONAL) {
        return super.isContentAlwaysEmpty(msg);
      }
      HttpMethod method = methods.poll();
      return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
    }
  }
}
