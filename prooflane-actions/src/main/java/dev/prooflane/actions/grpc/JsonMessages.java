package dev.prooflane.actions.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.JsonFormat.TypeRegistry;
import dev.prooflane.actions.expr.Values;

/**
 * Messages in protobuf's JSON mapping, both ways: a step's plain values into a message of the
 * method's type (strict: an unknown field is an error), a received message into plain values with
 * zero values printed (a scalar, list or map field is always there, so expressions can read it).
 */
final class JsonMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonMessages() {}

  /**
   * The message of {@code type} that {@code value} describes.
   *
   * @throws InvalidProtocolBufferException JsonFormat's account of what does not fit
   */
  static DynamicMessage parse(Object value, Descriptor type, TypeRegistry types)
      throws InvalidProtocolBufferException {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    JsonFormat.parser().usingTypeRegistry(types).merge(Values.toJson(value).toString(), builder);
    return builder.build();
  }

  /** {@code message} as compact JSON text. */
  static String text(MessageOrBuilder message, TypeRegistry types) {
    try {
      return JsonFormat.printer()
          .usingTypeRegistry(types)
          .alwaysPrintFieldsWithNoPresence()
          .omittingInsignificantWhitespace()
          .print(message);
    } catch (InvalidProtocolBufferException e) {
      // an Any whose type the registry lacks: the server's descriptors do not define it
      throw new IllegalStateException(
          "a "
              + message.getDescriptorForType().getFullName()
              + " cannot be shown as JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** {@code message} as plain values. */
  static Object plain(MessageOrBuilder message, TypeRegistry types) {
    try {
      return Values.fromJson(JSON.readTree(text(message, types)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JsonFormat printed text Jackson cannot read", e);
    }
  }
}
