package dev.prooflane.examples.shop.warehouse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.grpc.JsonMarshaller;
import io.grpc.MethodDescriptor;

/**
 * The warehouse's gRPC API, written by hand where protoc would generate it: the service {@value
 * #SERVICE} and its methods, with JSON messages.
 */
public final class Warehouse {
  /** The gRPC service name. */
  public static final String SERVICE = "shop.Warehouse";

  /**
   * {@code shop.Warehouse/Stock}, unary: {@code {"id":"1"}} answers {@code
   * {"id":"1","quantity":12}}; an unknown item is NOT_FOUND, a request without an {@code id} string
   * INVALID_ARGUMENT.
   */
  public static final MethodDescriptor<ObjectNode, ObjectNode> STOCK =
      MethodDescriptor.<ObjectNode, ObjectNode>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Stock"))
          .setRequestMarshaller(JsonMarshaller.INSTANCE)
          .setResponseMarshaller(JsonMarshaller.INSTANCE)
          .build();

  private Warehouse() {}
}
