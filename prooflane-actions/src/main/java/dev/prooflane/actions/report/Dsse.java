package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Dead Simple Signing Envelope (DSSE v1): the pre-authentication encoding a signature covers,
 * and the JSON envelope {@code {"payload", "payloadType", "signatures": [{"keyid", "sig"}]}}.
 */
final class Dsse {
  private Dsse() {}

  /**
   * {@code PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, where LEN is the
   * byte length in ASCII decimal without leading zeros.
   */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** An envelope with one signature. */
  static ObjectNode envelope(String payloadType, byte[] payload, String keyId, byte[] sig) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    ObjectNode signature = envelope.putArray("signatures").addObject();
    signature.put("keyid", keyId);
    signature.put("sig", Base64.getEncoder().encodeToString(sig));
    return envelope;
  }

  /**
   * Decodes a base64 field of an envelope: standard or URL-safe alphabet, padded or not, as the
   * specification lets signers choose.
   *
   * @throws IllegalArgumentException naming {@code field} when it is not base64
   */
  static byte[] decode(JsonNode node, String field) {
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(field + ": missing (expected: base64 text)");
    }
    String text = node.asText();
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": not base64 (" + e.getMessage() + ")", e);
    }
  }
}
