package dev.prooflane.routing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP/2 client connection over a plain socket that sends whatever bytes a test hands it (see
 * {@link Http2FrameBytes}), hostile or not, and records what the router answers, frame by frame
 * (Netty's frame reader), once {@link #startReading()} is called: a client that floods the router
 * with frames whose answers it never reads simply does not call it.
 */
final class RawHttp2Connection implements AutoCloseable {
  /** The GOAWAY frame the router sent. */
  record GoAway(int lastStreamId, long errorCode, String debugData) {}

  private final Socket socket;
  private final OutputStream out;
  private final AtomicReference<GoAway> goAway = new AtomicReference<>();
  private final Map<Integer, Http2Headers> responseHeaders = new ConcurrentHashMap<>();
  private final Map<Integer, Long> resets = new ConcurrentHashMap<>();
  private final Map<Integer, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
  private final Set<Integer> ended = ConcurrentHashMap.newKeySet();
  private final Set<Long> pingAcks = ConcurrentHashMap.newKeySet();
  private volatile boolean settingsReceived;
  private volatile boolean closed;
  private volatile boolean writeFailed;
  private Thread reader;

  /**
   * @param receiveBufferBytes the socket's receive buffer (small for a client that does not read,
   *     so the router's answers back up quickly), or 0 for the system's
   */
  RawHttp2Connection(int port, int receiveBufferBytes) {
    try {
      socket = new Socket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to 127.0.0.1:" + port, e);
    }
  }

  RawHttp2Connection(int port) {
    this(port, 0);
  }

  /**
   * Writes {@code bytes}; returns false instead when the router has closed (or reset) the
   * connection, as a hostile client's writes end.
   */
  boolean send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      writeFailed = true;
      return false;
    }
  }

  /** Whether a write failed because the router closed the connection. */
  boolean writeFailed() {
    return writeFailed;
  }

  /** Reads and records the router's frames on a thread of its own until the connection ends. */
  void startReading() {
    reader = new Thread(this::readFrames, "raw-h2-reader-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether the router ended the connection (end of stream or reset), as seen by the reader. */
  boolean closed() {
    return closed;
  }

  GoAway goAway() {
    return goAway.get();
  }

  /** The response headers the router sent on {@code streamId}, or null. */
  Http2Headers responseHeaders(int streamId) {
    return responseHeaders.get(streamId);
  }

  /** The DATA the router sent on {@code streamId} so far, as UTF-8 text. */
  String responseBody(int streamId) {
    ByteArrayOutputStream body = bodies.get(streamId);
    return body == null ? "" : body.toString(StandardCharsets.UTF_8);
  }

  /** Whether the router ended {@code streamId} (END_STREAM on its HEADERS or DATA). */
  boolean ended(int streamId) {
    return ended.contains(streamId);
  }

  /** Whether the router's SETTINGS frame (not an acknowledgement) arrived. */
  boolean settingsReceived() {
    return settingsReceived;
  }

  /** The error code of the RST_STREAM the router sent on {@code streamId}, or null. */
  Long reset(int streamId) {
    return resets.get(streamId);
  }

  boolean pingAcked(long payload) {
    return pingAcks.contains(payload);
  }

  private void readFrames() {
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    ChannelHandlerContext ctx = channel.pipeline().firstContext();
    ByteBuf buffer = Unpooled.buffer();
    try (DefaultHttp2FrameReader frames =
        new DefaultHttp2FrameReader(new DefaultHttp2HeadersDecoder(false, 1 << 20))) {
      InputStream in = socket.getInputStream();
      byte[] chunk = new byte[64 * 1024];
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        buffer.writeBytes(chunk, 0, n);
        frames.readFrame(ctx, buffer, new Recorder());
        buffer.discardReadBytes();
      }
    } catch (IOException | Http2Exception e) {
      // a reset ends the connection as an end of stream does; a frame the reader cannot read
      // ends what this client can tell about it
    } finally {
      buffer.release();
      closed = true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Records each frame the router sent. */
  private final class Recorder extends Http2FrameAdapter {
    @Override
    public void onHeadersRead(
        ChannelHandlerContext ctx,
        int streamId,
        Http2Headers headers,
        int padding,
        boolean endStream) {
      responseHeaders.putIfAbsent(streamId, headers);
      if (endStream) {
        ended.add(streamId);
      }
    }

    @Override
    public void onHeadersRead(
        ChannelHandlerContext ctx,
        int streamId,
        Http2Headers headers,
        int streamDependency,
        short weight,
        boolean exclusive,
        int padding,
        boolean endStream) {
      onHeadersRead(ctx, streamId, headers, padding, endStream);
    }

    @Override
    public int onDataRead(
        ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
      int bytes = data.readableBytes();
      bodies
          .computeIfAbsent(streamId, id -> new ByteArrayOutputStream())
          .writeBytes(ByteBufUtil.getBytes(data));
      if (endOfStream) {
        ended.add(streamId);
      }
      return bytes + padding;
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
      settingsReceived = true;
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
      resets.put(streamId, errorCode);
    }

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) {
      pingAcks.add(data);
    }

    @Override
    public void onGoAwayRead(
        ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
      goAway.compareAndSet(
          null, new GoAway(lastStreamId, errorCode, debugData.toString(StandardCharsets.UTF_8)));
    }
  }
}
