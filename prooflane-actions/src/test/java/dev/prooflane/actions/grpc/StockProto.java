package dev.prooflane.actions.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TimestampProto;

/**
 * {@code test/stock.proto}, built in code (no protoc here): a service {@code test.Stock} with a
 * unary read {@code Get} (declared NO_SIDE_EFFECTS), a unary write {@code Restock}, a
 * server-streaming {@code Watch}, a client-streaming {@code Reserve} and a unary {@code Hang} that
 * never answers. {@code Item} has a {@code google.protobuf.Timestamp}, an import that the
 * descriptor set written by {@link #descriptorSet()} leaves out (the well-known types fill it in).
 */
final class StockProto {
  static final FileDescriptorProto PROTO =
      FileDescriptorProto.newBuilder()
          .setName("test/stock.proto")
          .setPackage("test")
          .setSyntax("proto3")
          .addDependency("google/protobuf/timestamp.proto")
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("GetRequest")
                  .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING)))
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("WatchRequest")
                  .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING))
                  .addField(field("times", 2, FieldDescriptorProto.Type.TYPE_INT32)))
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("Item")
                  .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING))
                  .addField(field("quantity", 2, FieldDescriptorProto.Type.TYPE_INT32))
                  .addField(field("served_by", 3, FieldDescriptorProto.Type.TYPE_STRING))
                  .addField(
                      field("updated", 4, FieldDescriptorProto.Type.TYPE_MESSAGE)
                          .setTypeName(".google.protobuf.Timestamp")))
          .addService(
              ServiceDescriptorProto.newBuilder()
                  .setName("Stock")
                  .addMethod(
                      method("Get", "GetRequest", "Item")
                          .setOptions(
                              MethodOptions.newBuilder()
                                  .setIdempotencyLevel(
                                      MethodOptions.IdempotencyLevel.NO_SIDE_EFFECTS)))
                  .addMethod(method("Restock", "GetRequest", "Item"))
                  .addMethod(method("Watch", "WatchRequest", "Item").setServerStreaming(true))
                  .addMethod(method("Reserve", "GetRequest", "Item").setClientStreaming(true))
                  .addMethod(method("Hang", "GetRequest", "Item")))
          .build();

  static final FileDescriptor FILE = build();

  static final ServiceDescriptor STOCK = FILE.findServiceByName("Stock");

  private StockProto() {}

  /** A FileDescriptorSet of stock.proto alone, as protoc writes it without --include_imports. */
  static byte[] descriptorSet() {
    return FileDescriptorSet.newBuilder().addFile(PROTO).build().toByteArray();
  }

  private static FileDescriptor build() {
    try {
      return FileDescriptor.buildFrom(PROTO, new FileDescriptor[] {TimestampProto.getDescriptor()});
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FieldDescriptorProto.Builder field(
      String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
  }

  private static MethodDescriptorProto.Builder method(String name, String in, String out) {
    return MethodDescriptorProto.newBuilder()
        .setName(name)
        .setInputType(".test." + in)
        .setOutputType(".test." + out);
  }
}
