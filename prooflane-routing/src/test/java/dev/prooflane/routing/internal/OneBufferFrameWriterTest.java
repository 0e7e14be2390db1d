package dev.prooflane.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OneBufferFrameWriterTest {

  /** Writes frames with {@code writer} on a channel of its own; the bytes that went out. */
  private static byte[] written(Http2FrameWriter writer, int maxFrameSize) throws Exception {
    writer.configuration().frameSizePolicy().maxFrameSize(maxFrameSize);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    ChannelHandlerContext ctx = channel.pipeline().firstContext();
    writer.writeHeaders(ctx, 1, response("200", 3), 0, false, ctx.newPromise());
    writer.writeData(ctx, 1, text("hello"), 0, true, ctx.newPromise());
    writer.writeHeaders(ctx, 3, response("404", 2_000), 0, false, ctx.newPromise());
    writer.writeData(ctx, 3, text("x".repeat(1_024)), 0, false, ctx.newPromise());
    writer.writeData(ctx, 3, text("y".repeat(5_000)), 0, false, ctx.newPromise());
    writer.writeData(ctx, 3, Unpooled.EMPTY_BUFFER, 0, false, ctx.newPromise());
    writer.writeHeaders(
        ctx, 3, new DefaultHttp2Headers().add("grpc-status", "0"), 0, true, ctx.newPromise());
    writer.writeData(ctx, 5, text("padded"), 10, true, ctx.newPromise());
    channel.flush();
    ByteBuf all = Unpooled.buffer();
    for (Object out; (out = channel.readOutbound()) != null; ) {
      ByteBuf part = (ByteBuf) out;
      all.writeBytes(part);
      part.release();
    }
    channel.finishAndReleaseAll();
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    return bytes;
  }

  /** A response head with {@code fields} made-up fields (2,000 of them: a block over 16 KiB). */
  private static Http2Headers response(String status, int fields) {
    Http2Headers headers = new DefaultHttp2Headers().status(status);
    for (int i = 0; i < fields; i++) {
      headers.add("x-field-" + i, "value-" + i);
    }
    return headers;
  }

  private static ByteBuf text(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
  }

  @Test
  void writesTheSameBytesAsNettysWriter() throws Exception {
    for (int maxFrameSize : new int[] {16_384, 20_000}) {
      byte[] netty =
          written(new DefaultHttp2FrameWriter(Http2HeadersEncoder.NEVER_SENSITIVE), maxFrameSize);
      byte[] ours = written(OneBufferFrameWriter.create(), maxFrameSize);
      assertThat(ours).hasSizeGreaterThan(16_384 * 2).isEqualTo(netty);
    }
  }

  @Test
  void failsTheWriteOfAHeaderListTheClientWillNotTakeAndWritesNothing() throws Exception {
    OneBufferFrameWriter writer = OneBufferFrameWriter.create();
    writer.configuration().headersConfiguration().maxHeaderListSize(1_000);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    ChannelHandlerContext ctx = channel.pipeline().firstContext();

    ChannelFuture refused =
        writer.writeHeaders(ctx, 1, response("200", 100), 0, false, ctx.newPromise());
    channel.flush();

    assertThat(refused.cause()).isInstanceOf(Http2Exception.class);
    Object out = channel.readOutbound();
    assertThat(out).isNull();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }
}
