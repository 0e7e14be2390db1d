package dev.prooflane.examples.shop.grpc;

import static java.util.Objects.requireNonNull;

import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.HeaderPropagation;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;

/**
 * Extracts each call's context from its metadata and, as the call ends, adds the {@link
 * GrpcServer#SERVED_BY} trailer and writes one line, as the HTTP services do: {@code warehouse
 * pr-42 POST /shop.Warehouse/Stock status=OK key=pr-42}; a status that means the server failed also
 * writes {@code ERROR <service>: ...} to standard error.
 */
final class CallLog implements ServerInterceptor {
  private static final Set<Status.Code> SERVER_FAULTS =
      Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DATA_LOSS);

  private final String service;
  private final String servedBy;
  private final Console console;

  CallLog(String service, String servedBy, Console console) {
    this.service = requireNonNull(service, "service");
    this.servedBy = requireNonNull(servedBy, "servedBy");
    this.console = requireNonNull(console, "console");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String key = HeaderPropagation.routingKey(MetadataPropagation.extract(headers));
    String request = "POST /" + call.getMethodDescriptor().getFullMethodName();
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            trailers.put(GrpcServer.SERVED_BY, servedBy);
            // written before the status is sent, so whoever holds the answer can see the line
            if (SERVER_FAULTS.contains(status.getCode())) {
              console
                  .err()
                  .println(
                      "ERROR "
                          + service
                          + ": "
                          + request
                          + " failed: "
                          + status.getCode()
                          + " "
                          + status.getDescription());
            }
            console
                .out()
                .println(
                    service
                        + " "
                        + servedBy
                        + " "
                        + request
                        + " status="
                        + status.getCode()
                        + " key="
                        + (key == null ? "-" : key));
            super.close(status, trailers);
          }
        },
        headers);
  }
}
