package dev.prooflane.keys;

/**
 * Reads the trace id out of a W3C {@code traceparent} header without regular expressions: the trace
 * id of a hop, whether a request the router passed or a record a consumer took.
 */
public final class TraceParent {
  private static final int LENGTH_V00 = 55;

  private TraceParent() {}

  /**
   * The 32-hex trace id of a valid {@code traceparent} ({@code vv-<32 hex>-<16 hex>-<2 hex>}), or
   * null.
   */
  public static String traceId(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.length() < LENGTH_V00
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return null;
    }
    boolean v00 = value.startsWith("00");
    if (v00
        ? value.length() != LENGTH_V00
        : value.length() > LENGTH_V00 && value.charAt(55) != '-') {
      return null;
    }
    if (value.startsWith("ff")
        || !isLowerHex(value, 0, 2)
        || !isLowerHex(value, 3, 35)
        || !isLowerHex(value, 36, 52)
        || !isLowerHex(value, 53, 55)
        || isZeros(value, 3, 35)
        || isZeros(value, 36, 52)) {
      return null;
    }
    return value.substring(3, 35);
  }

  private static boolean isLowerHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZeros(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
