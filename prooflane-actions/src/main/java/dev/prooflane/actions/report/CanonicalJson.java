package dev.prooflane.actions.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical bytes a report's digest and signature cover: object keys sorted recursively by
 * UTF-16 code units (RFC 8785's ordering), no insignificant whitespace, UTF-8 (characters outside
 * the BMP written as such, not as escaped surrogates), numbers and strings as Jackson writes them.
 * A tree is {@link #normalize normalized} first (written and read back) so that what the signer
 * hashes is exactly what a verifier re-reading the file hashes.
 */
final class CanonicalJson {
  /** Reads reports: duplicate keys are refused, so one file cannot say two things. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private CanonicalJson() {}

  /** {@code node} as a verifier reading it from a file will see it. */
  static JsonNode normalize(JsonNode node) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      write(node, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonNode node, JsonGenerator g) throws IOException {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(null);
      g.writeStartObject();
      for (String name : names) {
        g.writeFieldName(name);
        write(node.get(name), g);
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode item : node) {
        write(item, g);
      }
      g.writeEndArray();
    } else {
      MAPPER.writeTree(g, node);
    }
  }
}
