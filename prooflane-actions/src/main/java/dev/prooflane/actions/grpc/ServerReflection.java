package dev.prooflane.actions.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the gRPC server reflection protocol ({@code grpc.reflection.v1}, else the older
 * {@code v1alpha}, whose messages are the same): the files that define a service and every file
 * they import, as the server describes them.
 */
final class ServerReflection {
  private static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1 =
      ServerReflectionGrpc.getServerReflectionInfoMethod();
  private static final MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> V1ALPHA =
      V1.toBuilder()
          .setFullMethodName("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
          .build();

  /** The most files one lookup asks for: a service's import graph is far smaller. */
  private static final int MAX_FILES = 512;

  /** How long the server may take to end a reflection stream the client is done with. */
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private ServerReflection() {}

  /** What the server said about a service. */
  sealed interface Answer permits Found, Unknown {}

  /** The service's files and their imports. */
  record Found(ProtoFiles files) implements Answer {}

  /** The server does not know the service; these are the ones it offers. */
  record Unknown(List<String> services) implements Answer {}

  /**
   * Asks the server over {@code channel} about {@code service}, with {@code headers} on the stream.
   *
   * @throws StatusRuntimeException the status the reflection stream failed with; {@code
   *     UNIMPLEMENTED} when the server offers neither version of reflection
   * @throws IllegalArgumentException when the files the server sent do not link
   */
  static Answer lookup(Channel channel, String service, Metadata headers, Deadline deadline)
      throws InterruptedException {
    try {
      return lookup(channel, V1, service, headers, deadline);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      return lookup(channel, V1ALPHA, service, headers, deadline);
    }
  }

  private static Answer lookup(
      Channel channel,
      MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method,
      String service,
      Metadata headers,
      Deadline deadline)
      throws InterruptedException {
    Conversation conversation = new Conversation(channel, method, headers, deadline);
    try {
      ServerReflectionResponse first =
          conversation.ask(
              ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build());
      if (first.hasErrorResponse()) {
        if (first.getErrorResponse().getErrorCode() != Status.Code.NOT_FOUND.value()) {
          throw error(first, service);
        }
        ServerReflectionResponse list =
            conversation.ask(ServerReflectionRequest.newBuilder().setListServices("").build());
        if (list.hasErrorResponse()) {
          throw error(list, "the list of services");
        }
        return new Unknown(
            list.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName)
                .sorted()
                .toList());
      }
      Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
      add(files, first);
      for (Set<String> missing = ProtoFiles.missingImports(files.values());
          !missing.isEmpty() && files.size() < MAX_FILES;
          missing = ProtoFiles.missingImports(files.values())) {
        for (String name : missing) {
          ServerReflectionResponse file =
              conversation.ask(
                  ServerReflectionRequest.newBuilder().setFileByFilename(name).build());
          if (file.hasErrorResponse()) {
            throw new IllegalArgumentException(
                "the server has no file '"
                    + name
                    + "' ("
                    + file.getErrorResponse().getErrorMessage()
                    + "), which the files of "
                    + service
                    + " import");
          }
          add(files, file);
        }
      }
      return new Found(ProtoFiles.link(files.values()));
    } finally {
      conversation.end();
    }
  }

  private static void add(Map<String, FileDescriptorProto> files, ServerReflectionResponse answer) {
    for (ByteString bytes : answer.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      try {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
        files.putIfAbsent(file.getName(), file);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(
            "the server sent a file descriptor that does not parse: " + e.getMessage(), e);
      }
    }
  }

  private static StatusRuntimeException error(ServerReflectionResponse answer, String about) {
    return Status.fromCodeValue(answer.getErrorResponse().getErrorCode())
        .withDescription(
            "reflection about " + about + ": " + answer.getErrorResponse().getErrorMessage())
        .asRuntimeException();
  }

  /** One reflection stream: a question, then its answer, in turn. */
  private static final class Conversation {
    private final ClientCall<ServerReflectionRequest, ServerReflectionResponse> call;
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final Deadline deadline;
    private boolean ended;

    Conversation(
        Channel channel,
        MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method,
        Metadata headers,
        Deadline deadline) {
      this.deadline = deadline;
      this.call = channel.newCall(method, CallOptions.DEFAULT.withDeadline(deadline));
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onMessage(ServerReflectionResponse message) {
              answers.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              answers.add(status);
            }
          },
          headers);
    }

    ServerReflectionResponse ask(ServerReflectionRequest question) throws InterruptedException {
      call.sendMessage(question);
      call.request(1);
      Object answer =
          answers.poll(deadline.timeRemaining(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
      if (answer == null) {
        ended = true;
        call.cancel("no reflection answer before the deadline", null);
        throw Status.DEADLINE_EXCEEDED
            .withDescription("no reflection answer before the deadline")
            .asRuntimeException();
      }
      if (answer instanceof Status status) {
        ended = true;
        throw (status.isOk()
                ? Status.UNKNOWN.withDescription("the server ended reflection without an answer")
                : status)
            .asRuntimeException();
      }
      return (ServerReflectionResponse) answer;
    }

    /** Ends the stream as the protocol does: the client half-closes, the server closes. */
    void end() throws InterruptedException {
      if (ended) {
        return;
      }
      try {
        call.halfClose();
      } catch (IllegalStateException e) {
        return; // closed already
      }
      long wait = Math.min(deadline.timeRemaining(TimeUnit.NANOSECONDS), CLOSE_WAIT_NANOS);
      for (Object next = answers.poll(wait, TimeUnit.NANOSECONDS);
          !(next instanceof Status);
          next = answers.poll(wait, TimeUnit.NANOSECONDS)) {
        if (next == null) {
          call.cancel("the server did not end the reflection stream", null);
          return;
        }
      }
    }
  }
}
