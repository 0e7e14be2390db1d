package dev.prooflane.actions.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat.TypeRegistry;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.Destination;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.http.KeyInjection;
import dev.prooflane.actions.http.Redaction;
import dev.prooflane.actions.http.RouterHops;
import dev.prooflane.actions.http.ServiceUnreachableException;
import dev.prooflane.actions.http.TraceContext;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls gRPC methods described by JSON: a service of the environment through its router listener,
 * keyed or not, or an external host the policy's {@code http.allow} admits. A call is prepared once
 * (target, descriptors, method, messages) and sent once or more ({@code diff} sends it to the
 * sandbox and to the baseline). Thread-safe.
 */
public final class GrpcClient {
  /** Grace beyond the call's deadline for its end to arrive. */
  private static final long END_GRACE_MILLIS = 2_000;

  private final Redaction redaction;
  private final HostResolver resolver;

  public GrpcClient(Redaction redaction, HostResolver resolver) {
    this.redaction = requireNonNull(redaction, "redaction");
    this.resolver = requireNonNull(resolver, "resolver");
  }

  /**
   * Resolves {@code call}: admits an external target (nothing is sent to a host the policy
   * refuses), reads its descriptors (the file, or server reflection, keyed when {@code keyed} so a
   * fork's new methods are found), finds the method and builds the messages. Close the result.
   *
   * @param input the step's input, whose fields errors name
   * @throws dev.prooflane.actions.core.ActionInputException naming the field and the fix
   * @throws dev.prooflane.actions.policy.PolicyRefusedException when the policy refuses the host
   */
  public PreparedCall prepare(
      GrpcCall call, ActionInput input, boolean keyed, ActionContext context)
      throws InterruptedException {
    Duration remaining = timeLeft(context, call);
    GrpcTarget target = target(call, context);
    ManagedChannel channel = target.open(context.guard().bytesPerResponse());
    try {
      ProtoFiles files =
          call.descriptors().isPresent()
              ? DescriptorSetFile.read(input, context.skillDir(), call.descriptors().get())
              : reflect(call, input, target, channel, keyed, remaining, context);
      String source =
          call.descriptors().map(f -> "the descriptors of " + f).orElse("the server's reflection");
      MethodDescriptor method = method(files, call, input, source);
      List<DynamicMessage> messages = messages(call, method, files.types(), input);
      return new PreparedCall(call, target, channel, method, messages, files.types());
    } catch (RuntimeException | InterruptedException e) {
      GrpcTarget.close(channel);
      throw e;
    }
  }

  /**
   * Sends a prepared call; with {@code keyed}, the run's sandbox key goes in every header form the
   * environment configures. A call to a service is admitted by the run's policy here, each time
   * (the write guard sees {@code POST /package.Service/Method}, or a read for a method that
   * declares {@code idempotency_level = NO_SIDE_EFFECTS}); a call by URL was admitted by {@link
   * #prepare}: send it once.
   *
   * @param label what the exchange is for; also part of the derived trace id
   * @throws ServiceUnreachableException when a service's listener could not be reached
   */
  public GrpcOutcome send(PreparedCall prepared, boolean keyed, String label, ActionContext context)
      throws InterruptedException {
    GrpcCall call = prepared.call();
    GrpcTarget target = prepared.target();
    RuntimeAccess runtime = context.runtime();
    Map<String, String> metadata = new LinkedHashMap<>(call.metadata());
    String key = keyed ? key(context) : null;
    if (target.service() != null) {
      context
          .guard()
          .admitRequest(
              context.stepId(),
              prepared.readOnly() ? "GET" : "POST",
              target.service(),
              "/" + call.fullMethod(),
              key != null);
    }
    if (key != null) {
      KeyInjection.headers(metadata, runtime.keyNames(), key);
    }
    String traceId = trace(metadata, context, label);
    Duration left = timeLeft(context, call);
    Duration timeout = call.timeout().map(t -> min(t, left)).orElse(left);
    String url = target.url(call.fullMethod());
    long hopCursor = target.service() == null ? 0 : runtime.hopCursor();
    long start = System.nanoTime();
    CallRecorder.Recorded recorded;
    try {
      recorded =
          CallRecorder.run(
              prepared.channel(),
              prepared.grpcMethod(),
              CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS),
              MetadataValues.of(metadata),
              prepared.messages(),
              context.guard().bytesPerResponse(),
              timeout.toMillis() + END_GRACE_MILLIS);
    } catch (TimeoutException e) {
      throw unreachable(
          target, url, "the call did not end within " + timeout.toMillis() + " ms", e);
    }
    double millis = (System.nanoTime() - start) / 1_000_000.0;
    if (!recorded.answered() && recorded.status().getCode() == Status.Code.UNAVAILABLE) {
      Throwable cause = recorded.status().getCause();
      throw unreachable(
          target,
          url,
          cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          recorded.status().asRuntimeException());
    }
    List<HopEntry> hops =
        target.service() == null
            ? List.of()
            : RouterHops.await(runtime, hopCursor, traceId, target.service(), context);
    return GrpcOutcome.recorded(
        redaction,
        prepared,
        label,
        key != null,
        url,
        metadata,
        recorded,
        millis,
        traceId,
        hops,
        target.service() == null ? null : RouterHops.servedBy(hops, target.service()));
  }

  private GrpcTarget target(GrpcCall call, ActionContext context) {
    if (call.service() != null) {
      URI base = context.runtime().serviceUri(call.service());
      int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
      return new GrpcTarget(
          call.service(), base.getHost(), port, base.getHost() + ":" + port, null);
    }
    URI url = call.url();
    // the policy's http.allow admits the call as what it is on the wire: POST of the method's path
    Destination destination =
        context
            .guard()
            .admitUrl(
                context.stepId(),
                "POST",
                URI.create("http://" + url.getRawAuthority() + "/" + call.fullMethod()),
                resolver);
    return new GrpcTarget(
        null,
        destination.address().getHostAddress(),
        destination.port(),
        url.getRawAuthority(),
        destination);
  }

  private ProtoFiles reflect(
      GrpcCall call,
      ActionInput input,
      GrpcTarget target,
      ManagedChannel channel,
      boolean keyed,
      Duration remaining,
      ActionContext context)
      throws InterruptedException {
    Map<String, String> metadata = new LinkedHashMap<>(call.metadata());
    if (keyed) {
      KeyInjection.headers(metadata, context.runtime().keyNames(), key(context));
    }
    // a trace of its own: the reflection's hop is not one of the call's
    metadata.remove("traceparent");
    trace(metadata, context, "reflection");
    String where =
        target.service() != null ? "service '" + target.service() + "'" : target.authority();
    ServerReflection.Answer answer;
    try {
      answer =
          ServerReflection.lookup(
              channel,
              call.grpcService(),
              MetadataValues.of(metadata),
              Deadline.after(remaining.toNanos(), TimeUnit.NANOSECONDS));
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      if (status.getCode() == Status.Code.UNIMPLEMENTED) {
        throw input.error(
            "descriptors",
            "missing, and "
                + where
                + " offers no server reflection (grpc.reflection.v1 or v1alpha: "
                + status.getCode()
                + "); enable reflection on the server, or give a FileDescriptorSet file in the"
                + " skill folder (protoc --include_imports --descriptor_set_out=FILE.pb"
                + " FILE.proto)");
      }
      if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
        throw unreachable(target, target.url(""), status.getCause().getClass().getSimpleName(), e);
      }
      throw new ProoflaneException(
          "step '"
              + context.stepId()
              + "': server reflection on "
              + where
              + " failed: "
              + status.getCode()
              + (status.getDescription() == null ? "" : ": " + status.getDescription())
              + " (give descriptors: a FileDescriptorSet file, to call without reflection)",
          e);
    } catch (IllegalArgumentException e) {
      throw new ProoflaneException(
          "step '"
              + context.stepId()
              + "': the descriptors "
              + where
              + " sent by reflection do not link: "
              + e.getMessage(),
          e);
    }
    if (answer instanceof ServerReflection.Unknown unknown) {
      throw input.error(
          "method",
          "service '"
              + call.grpcService()
              + "' is not offered by "
              + where
              + " (its reflection lists: "
              + (unknown.services().isEmpty() ? "none" : String.join(", ", unknown.services()))
              + ")");
    }
    return ((ServerReflection.Found) answer).files();
  }

  private static MethodDescriptor method(
      ProtoFiles files, GrpcCall call, ActionInput input, String source) {
    ServiceDescriptor service =
        files
            .service(call.grpcService())
            .orElseThrow(
                () ->
                    input.error(
                        "method",
                        "service '"
                            + call.grpcService()
                            + "' is not in "
                            + source
                            + " (services: "
                            + (files.services().isEmpty()
                                ? "none"
                                : String.join(", ", files.services()))
                            + ")"));
    MethodDescriptor method = service.findMethodByName(call.method());
    if (method == null) {
      throw input.error(
          "method",
          "'"
              + call.method()
              + "' is not a method of "
              + service.getFullName()
              + " in "
              + source
              + " (methods: "
              + String.join(
                  ", ", service.getMethods().stream().map(MethodDescriptor::getName).toList())
              + ")");
    }
    return method;
  }

  private static List<DynamicMessage> messages(
      GrpcCall call, MethodDescriptor method, TypeRegistry types, ActionInput input) {
    if (call.listGiven() && !method.isClientStreaming()) {
      throw input.error(
          "request",
          call.fullMethod()
              + " takes one request message (it is not client-streaming): give a mapping, not a"
              + " list");
    }
    List<DynamicMessage> messages = new ArrayList<>();
    for (int i = 0; i < call.requests().size(); i++) {
      try {
        messages.add(JsonMessages.parse(call.requests().get(i), method.getInputType(), types));
      } catch (InvalidProtocolBufferException e) {
        throw input.error(
            call.listGiven() ? "request[" + i + "]" : "request",
            "does not fit "
                + method.getInputType().getFullName()
                + ": "
                + e.getMessage()
                + " (protobuf's JSON form: field names as in the .proto or lowerCamelCase)");
      }
    }
    return messages;
  }

  /** The run's key, which keyed calls carry in every header form the environment configures. */
  private static String key(ActionContext context) {
    KeyNames names = context.runtime().keyNames();
    if (names.carriers().stream().allMatch(c -> c.header().isEmpty())) {
      throw new ProoflaneException(
          "environment '"
              + context.runtime().environment()
              + "' carries the routing key only in a query parameter, which gRPC calls have none"
              + " of; configure a header, baggage or tracestate name for the key");
    }
    return context
        .sandbox()
        .map(SandboxInfo::key)
        .orElseThrow(() -> new IllegalStateException("a keyed call needs a sandbox"))
        .value();
  }

  /** Sets a derived {@code traceparent} unless the step set one; the trace id the call carries. */
  private static String trace(Map<String, String> metadata, ActionContext context, String label) {
    if (metadata.containsKey("traceparent")) {
      return TraceContext.traceIdOf(metadata.get("traceparent")).orElse(null);
    }
    TraceContext trace = TraceContext.derive(context.runId(), context.stepId(), label);
    metadata.put("traceparent", trace.header());
    return trace.traceId();
  }

  private static Duration timeLeft(ActionContext context, GrpcCall call) {
    return context.timeLeft("call " + call.fullMethod());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static ProoflaneException unreachable(
      GrpcTarget target, String url, String why, Throwable cause) {
    return target.service() != null
        ? new ServiceUnreachableException(target.service(), url, why, cause)
        : target.destination().unreachable(why, cause);
  }
}
