package dev.prooflane.actions.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.expr.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A response body as captured: at most the policy's {@code limits.bytesPerResponse} (1 MiB by
 * default), decoded as text, and parsed when it is JSON.
 *
 * @param text the body as text (cut at the cap)
 * @param truncated whether the body was longer than the cap
 * @param json whether {@code value} was parsed from JSON
 * @param value the parsed JSON value, or {@code text}
 */
record ResponseBody(String text, boolean truncated, boolean json, Object value) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Reads at most {@code maxBytes} from {@code in} and closes it. */
  static ResponseBody read(InputStream in, String contentType, int maxBytes) throws IOException {
    byte[] bytes;
    try (in) {
      bytes = in.readNBytes(maxBytes + 1);
    }
    boolean truncated = bytes.length > maxBytes;
    if (truncated) {
      bytes = Arrays.copyOf(bytes, maxBytes);
    }
    String text = new String(bytes, charset(contentType));
    if (!truncated && !text.isBlank()) {
      try {
        return new ResponseBody(text, false, true, Values.fromJson(JSON.readTree(text)));
      } catch (JsonProcessingException e) {
        // not JSON, whatever the content type claims: keep the text
      }
    }
    return new ResponseBody(text, truncated, false, text);
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      for (String param : contentType.split(";")) {
        String p = param.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          try {
            return Charset.forName(p.substring(8).replace("\"", "").trim());
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
