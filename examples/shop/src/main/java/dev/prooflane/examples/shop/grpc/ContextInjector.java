package dev.prooflane.examples.shop.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.context.Context;

/**
 * Puts the current OpenTelemetry context into the metadata of every call as it starts, the way
 * OpenTelemetry's gRPC client instrumentation does: a caller makes the context of the request it
 * serves current ({@link Context#makeCurrent()}) around the call.
 */
public final class ContextInjector implements ClientInterceptor {
  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        MetadataPropagation.inject(Context.current(), headers);
        super.start(listener, headers);
      }
    };
  }
}
