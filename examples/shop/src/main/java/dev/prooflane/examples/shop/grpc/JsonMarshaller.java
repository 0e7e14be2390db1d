package dev.prooflane.examples.shop.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.Json;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a gRPC message as a JSON object in the shop's {@link Json} form (money keeps its scale):
 * gRPC without protoc, descriptors or generated code.
 */
public final class JsonMarshaller implements MethodDescriptor.Marshaller<ObjectNode> {
  /** The one instance; it holds no state. */
  public static final JsonMarshaller INSTANCE = new JsonMarshaller();

  private JsonMarshaller() {}

  @Override
  public InputStream stream(ObjectNode value) {
    return new ByteArrayInputStream(Json.bytes(value));
  }

  /** The message as a JSON object; a message that is not one fails the call with INTERNAL. */
  @Override
  public ObjectNode parse(InputStream stream) {
    String text;
    try {
      text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("cannot read the message: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    }
    JsonNode node = Json.parseOrText(text);
    if (!node.isObject()) {
      throw Status.INTERNAL
          .withDescription("message: " + abbreviate(text) + " (expected: a JSON object)")
          .asRuntimeException();
    }
    return (ObjectNode) node;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
