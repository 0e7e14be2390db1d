package dev.prooflane.actions.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat.TypeRegistry;
import io.grpc.ManagedChannel;
import io.grpc.protobuf.ProtoUtils;
import java.util.List;

/**
 * A gRPC call ready to send ({@link GrpcClient#prepare}): its target admitted, its method found in
 * the descriptors and its messages built; it holds a channel to the target until closed.
 *
 * @param call the call as the step described it
 * @param target where it connects
 * @param channel the channel to the target (reflection went over it too)
 * @param method the method's descriptor
 * @param messages the request messages
 * @param types the message types of the descriptors, for JSON's {@code Any}
 */
public record PreparedCall(
    GrpcCall call,
    GrpcTarget target,
    ManagedChannel channel,
    MethodDescriptor method,
    List<DynamicMessage> messages,
    TypeRegistry types)
    implements AutoCloseable {
  public PreparedCall {
    requireNonNull(call, "call");
    requireNonNull(target, "target");
    requireNonNull(channel, "channel");
    requireNonNull(method, "method");
    messages = List.copyOf(messages);
    requireNonNull(types, "types");
  }

  /** Whether the method declares {@code option idempotency_level = NO_SIDE_EFFECTS}: a read. */
  public boolean readOnly() {
    return method.getOptions().getIdempotencyLevel() == IdempotencyLevel.NO_SIDE_EFFECTS;
  }

  /** The method as grpc-java calls it: DynamicMessages of its types both ways. */
  io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod() {
    return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(type())
        .setFullMethodName(call.fullMethod())
        .setRequestMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
        .setResponseMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
        .build();
  }

  private io.grpc.MethodDescriptor.MethodType type() {
    if (method.isClientStreaming()) {
      return method.isServerStreaming()
          ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
          : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING;
    }
    return method.isServerStreaming()
        ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
        : io.grpc.MethodDescriptor.MethodType.UNARY;
  }

  @Override
  public void close() {
    GrpcTarget.close(channel);
  }
}
