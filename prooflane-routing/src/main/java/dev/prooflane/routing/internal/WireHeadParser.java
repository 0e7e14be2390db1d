package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.1 message head straight from the received bytes, for the common case only: it
 * accepts a head when every byte of it is plainly valid (RFC 9112: a token method or a three-digit
 * status, {@code HTTP/1.1}, token names followed directly by a colon, values of visible characters,
 * blanks and obs-text, CRLF line ends, at most one {@code Content-Length} of digits, no {@code
 * Transfer-Encoding}, {@code Upgrade} or {@code Expect}) and <em>declines</em> anything else.
 *
 * <p>Declining is not refusing: a declined head goes to Netty's HTTP decoder and the router's
 * checks behind it, which refuse or accept it exactly as before this parser existed. So the parser
 * needs to be right about what it accepts, never about what it declines; the property test checks
 * that everything it accepts Netty's decoder accepts with the same fields.
 */
final class WireHeadParser {
  /** A head is looked for in this many bytes at most; a longer one is declined. */
  static final int MAX_HEAD = 16 * 1024;

  /** A request or status line longer than this is declined (the decoder's limit is 8 KiB). */
  static final int MAX_START_LINE = 4 * 1024;

  private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private WireHeadParser() {}

  /**
   * The request head at the reader index of {@code in}, without consuming it: {@code null} while it
   * is incomplete, {@link ParsedHead#DECLINED} when the parser leaves it to the decoder.
   */
  static ParsedHead request(ByteBuf in) {
    byte[] b = headBytes(in);
    if (b == null || b.length == 0) {
      return b == null ? null : ParsedHead.DECLINED;
    }
    int i = 0;
    while (i < b.length && isTchar(b[i])) {
      i++;
    }
    if (i == 0 || i >= b.length || b[i] != ' ') {
      return ParsedHead.DECLINED;
    }
    HttpMethod method = method(b, i);
    int target = ++i;
    while (i < b.length && b[i] >= 0x21 && b[i] <= 0x7E) {
      i++;
    }
    if (i == target || i >= b.length || b[i] != ' ') {
      return ParsedHead.DECLINED;
    }
    String uri = new String(b, target, i - target, StandardCharsets.ISO_8859_1);
    i++;
    if (!matches(b, i, HTTP_1_1) || !crlf(b, i + HTTP_1_1.length)) {
      return ParsedHead.DECLINED;
    }
    int fieldsFrom = i + HTTP_1_1.length + 2;
    if (fieldsFrom > MAX_START_LINE) {
      return ParsedHead.DECLINED;
    }
    return fields(b, fieldsFrom, true, method, uri, 0, null);
  }

  /**
   * The response head at the reader index of {@code in}, without consuming it: {@code null} while
   * it is incomplete, {@link ParsedHead#DECLINED} when the parser leaves it to the decoder (among
   * others: every informational answer).
   */
  static ParsedHead response(ByteBuf in) {
    byte[] b = headBytes(in);
    if (b == null || b.length == 0) {
      return b == null ? null : ParsedHead.DECLINED;
    }
    int at = HTTP_1_1.length;
    if (b.length < at + 5 || !matches(b, 0, HTTP_1_1) || b[at] != ' ') {
      return ParsedHead.DECLINED;
    }
    int status = 0;
    for (int k = at + 1; k <= at + 3; k++) {
      if (b[k] < '0' || b[k] > '9') {
        return ParsedHead.DECLINED;
      }
      status = status * 10 + (b[k] - '0');
    }
    if (status < 200 || b[at + 4] != ' ') {
      return ParsedHead.DECLINED;
    }
    int reason = at + 5;
    int i = reason;
    while (i < b.length && b[i] >= 0x20 && b[i] < 0x7F) {
      i++;
    }
    // a phrase that is empty or starts or ends with a blank: the decoder trims it its own way
    if (!crlf(b, i) || i > MAX_START_LINE || i == reason || b[reason] == ' ' || b[i - 1] == ' ') {
      return ParsedHead.DECLINED;
    }
    String phrase =
        status == 200 && i - reason == 2 && b[reason] == 'O' && b[reason + 1] == 'K'
            ? "OK"
            : new String(b, reason, i - reason, StandardCharsets.ISO_8859_1);
    return fields(b, i + 2, false, null, null, status, phrase);
  }

  /**
   * A copy of the head's bytes up to and including its empty line; null while the head is
   * incomplete; an empty array when it must be declined (too long, bare LF, leading empty line).
   */
  private static byte[] headBytes(ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    int limit = start + Math.min(readable, MAX_HEAD);
    int line = start;
    while (true) {
      int lf = in.indexOf(line, limit, (byte) '\n');
      if (lf < 0) {
        return readable >= MAX_HEAD ? new byte[0] : null;
      }
      if (lf == line || in.getByte(lf - 1) != '\r') {
        return new byte[0]; // a bare LF, or a line with no CR before its LF
      }
      if (lf == line + 1) {
        if (line == start) {
          return new byte[0]; // an empty line before the start line
        }
        byte[] bytes = new byte[lf + 1 - start];
        in.getBytes(start, bytes);
        return bytes;
      }
      line = lf + 1;
    }
  }

  /** Reads the field lines from {@code i} to the empty line that ends {@code b}. */
  private static ParsedHead fields(
      byte[] b, int i, boolean request, HttpMethod method, String uri, int status, String reason) {
    int lines = 0;
    for (int k = i; k < b.length; k++) {
      if (b[k] == '\n') {
        lines++;
      }
    }
    // one slot per field line: the empty line's is spare
    int[] fields = WireHead.newFields(lines);
    int count = 0;
    long contentLength = -1;
    int from = i;
    int end = b.length - 2; // the final CRLF
    while (i < end) {
      int nameStart = i;
      while (i < end && isTchar(b[i])) {
        i++;
      }
      if (i == nameStart || b[i] != ':') {
        return ParsedHead.DECLINED; // an empty name, whitespace before the colon, a folded line
      }
      int nameEnd = i++;
      while (b[i] == ' ' || b[i] == '\t') {
        i++;
      }
      int valueStart = i;
      while (isFieldByte(b[i])) {
        i++;
      }
      if (!crlf(b, i)) {
        return ParsedHead.DECLINED; // a control character, or a bare CR
      }
      int valueEnd = i;
      while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
        valueEnd--;
      }
      i += 2;
      switch (special(b, nameStart, nameEnd, request)) {
        case DECLINE -> {
          return ParsedHead.DECLINED;
        }
        case CONTENT_LENGTH -> {
          if (contentLength >= 0) {
            return ParsedHead.DECLINED;
          }
          contentLength = digits(b, valueStart, valueEnd);
          if (contentLength < 0) {
            return ParsedHead.DECLINED;
          }
        }
        default -> {}
      }
      fields = WireHead.grow(fields, count);
      WireHead.put(fields, count++, nameStart, nameEnd, valueStart, valueEnd, i);
    }
    WireHead head = new WireHead(b, from, end, fields, count);
    return new ParsedHead(b.length, method, uri, status, reason, head, contentLength);
  }

  private enum Special {
    NONE,
    CONTENT_LENGTH,
    DECLINE
  }

  private static Special special(byte[] b, int start, int end, boolean request) {
    int length = end - start;
    return switch (length) {
      case 6 -> request && is(b, start, "expect") ? Special.DECLINE : Special.NONE;
      case 7 -> is(b, start, "upgrade") ? Special.DECLINE : Special.NONE;
      case 14 -> is(b, start, "content-length") ? Special.CONTENT_LENGTH : http2(b, start, request);
      case 17 -> is(b, start, "transfer-encoding") ? Special.DECLINE : http2(b, start, request);
      default -> length > 8 ? http2(b, start, request) : Special.NONE;
    };
  }

  /**
   * A request field named {@code x-http2-...} (whatever its length: {@code x-http2-scheme} is as
   * long as {@code content-length}) goes to the decoder, which drops it (see {@link
   * HeaderNames#isHttp2Extension}).
   */
  private static Special http2(byte[] b, int start, boolean request) {
    return request && is(b, start, "x-http2-") ? Special.DECLINE : Special.NONE;
  }

  private static boolean is(byte[] b, int start, String lowerCase) {
    return WireHead.startsWithLowerCase(b, start, lowerCase);
  }

  /** 1 to 18 decimal digits as a number, or -1. */
  private static long digits(byte[] b, int from, int to) {
    if (from == to || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int k = from; k < to; k++) {
      if (b[k] < '0' || b[k] > '9') {
        return -1;
      }
      value = value * 10 + (b[k] - '0');
    }
    return value;
  }

  private static HttpMethod method(byte[] b, int length) {
    if (length == 3 && b[0] == 'G' && b[1] == 'E' && b[2] == 'T') {
      return HttpMethod.GET;
    }
    if (length == 4 && b[0] == 'P' && b[1] == 'O' && b[2] == 'S' && b[3] == 'T') {
      return HttpMethod.POST;
    }
    return HttpMethod.valueOf(new String(b, 0, length, StandardCharsets.ISO_8859_1));
  }

  private static boolean matches(byte[] b, int at, byte[] expected) {
    if (at + expected.length > b.length) {
      return false;
    }
    for (int k = 0; k < expected.length; k++) {
      if (b[at + k] != expected[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean crlf(byte[] b, int at) {
    return at + 1 < b.length && b[at] == '\r' && b[at + 1] == '\n';
  }

  static boolean isTchar(byte c) {
    return c >= 0 && TCHAR[c];
  }

  /**
   * A byte a field value (or reason phrase) may hold here: HTAB, SP or VCHAR. obs-text (bytes from
   * 0x80, negative here) is declined: the decoder decides about it.
   */
  static boolean isFieldByte(byte c) {
    return c == '\t' || (c >= 0x20 && c != 0x7F);
  }
}
