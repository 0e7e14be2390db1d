package dev.prooflane.actions.grpc;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gRPC metadata as texts, both ways: ASCII values as they are, binary ({@code -bin}) values in
 * base64.
 */
final class MetadataValues {
  private MetadataValues() {}

  /**
   * Refuses a name or value that metadata cannot carry.
   *
   * @throws IllegalArgumentException saying why
   */
  static void check(String name, String value) {
    if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER);
      try {
        Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a -bin value must be base64: " + e.getMessage(), e);
      }
      return;
    }
    Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "character "
                + (i + 1)
                + " of the value is not printable ASCII (send bytes in a -bin entry, base64)");
      }
    }
  }

  /** Metadata holding {@code values}, checked by {@link #check} before. */
  static Metadata of(Map<String, String> values) {
    Metadata metadata = new Metadata();
    values.forEach(
        (name, value) -> {
          if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            metadata.put(
                Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
                Base64.getDecoder().decode(value));
          } else {
            metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
          }
        });
    return metadata;
  }

  /** Every entry of {@code metadata} by name, in order; empty for null. */
  static Map<String, List<String>> read(Metadata metadata) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (metadata == null) {
      return out;
    }
    for (String name : metadata.keys()) {
      List<String> values = new ArrayList<>();
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata
            .getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))
            .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
      } else {
        metadata
            .getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))
            .forEach(values::add);
      }
      out.put(name, values);
    }
    return out;
  }
}
