package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Which decoder reads the current message of a connection: {@link WireHeadParser} with a {@link
 * FixedLengthBody}, or Netty's HTTP decoder, which owns a message from its first byte to its last
 * part once the parser declined its head. Shared by the request decoder of client connections and
 * the response decoder of upstream connections.
 */
final class WireDecoding {
  /** What the parser's side of a decoder does with heads. */
  interface Heads {
    /** The head at the reader index of {@code in}; see {@link WireHeadParser}. */
    ParsedHead parse(ByteBuf in);

    /**
     * Consumes the accepted {@code head} from {@code in}, adds the message to {@code out} and
     * starts its body; false, doing nothing, to leave it to Netty's decoder after all.
     */
    boolean read(ParsedHead head, ByteBuf in, List<Object> out, FixedLengthBody body);

    /** The head has not arrived in full yet. */
    void incomplete();
  }

  /** Netty's decoder reading the received bytes. */
  interface NettyDecoder {
    void decode() throws Exception;
  }

  private final Heads heads;
  private final FixedLengthBody body = new FixedLengthBody();
  private boolean netty;

  WireDecoding(Heads heads) {
    this.heads = heads;
  }

  /**
   * Reads the next part of a message from {@code in} (which has bytes to read) into {@code out}, or
   * nothing while a head is incomplete; by the parser or by {@code netty}, whichever owns it.
   */
  void decode(ByteBuf in, List<Object> out, NettyDecoder netty) throws Exception {
    if (!parse(in, out)) {
      int from = out.size();
      netty.decode();
      nettyDecoded(out, from);
    }
  }

  /** Reads by the parser; false when Netty's decoder must read instead. */
  private boolean parse(ByteBuf in, List<Object> out) {
    if (netty) {
      return false;
    }
    if (body.isOpen()) {
      body.read(in, out);
      return true;
    }
    ParsedHead head = heads.parse(in);
    if (head == null) {
      heads.incomplete();
      return true;
    }
    if (!head.declined() && heads.read(head, in, out, body)) {
      return true;
    }
    netty = true;
    return false;
  }

  /**
   * Netty's decoder added {@code out} from index {@code from} on: after the last part of a message
   * it read without failing, the next message starts on the parser again. After a failure Netty's
   * decoder keeps the connection (it discards what follows, and the connection closes).
   */
  private void nettyDecoded(List<Object> out, int from) {
    for (int i = from; i < out.size(); i++) {
      if (out.get(i) instanceof LastHttpContent last && last.decoderResult().isSuccess()) {
        netty = false;
      }
    }
  }

  /**
   * The connection is closing: an incomplete head goes to Netty's decoder, which tells it as it
   * always did (a message that failed because the connection closed before its head ended).
   */
  void closing() {
    if (!body.isOpen()) {
      netty = true;
    }
  }
}
