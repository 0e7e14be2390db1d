package dev.prooflane.actions.grpc;

import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One gRPC call, recorded whole: it sends every request message, half-closes, and collects the
 * headers, the messages (one at a time, up to a byte budget), the status and the trailers.
 */
final class CallRecorder extends ClientCall.Listener<DynamicMessage> {
  /** The most messages one call keeps, whatever their size. */
  static final int MAX_MESSAGES = 10_000;

  private final ClientCall<DynamicMessage, DynamicMessage> call;
  private final long maxBytes;
  private final List<DynamicMessage> messages = new ArrayList<>();
  private final CompletableFuture<Recorded> closed = new CompletableFuture<>();
  private Metadata headers;
  private long bytes;
  private boolean truncated;

  /**
   * What came back.
   *
   * @param headers the response headers, or null for a trailers-only answer (or none)
   * @param messages the messages received, in order
   * @param status how the call ended
   * @param trailers the trailers
   * @param truncated whether the call was cancelled because the messages passed the budget
   */
  record Recorded(
      Metadata headers,
      List<DynamicMessage> messages,
      Status status,
      Metadata trailers,
      boolean truncated) {
    /** Whether the server answered at all: headers came, or a status without a local cause. */
    boolean answered() {
      return headers != null || status.getCause() == null;
    }
  }

  private CallRecorder(ClientCall<DynamicMessage, DynamicMessage> call, long maxBytes) {
    this.call = call;
    this.maxBytes = maxBytes;
  }

  /**
   * Makes the call and waits for its end.
   *
   * @param maxBytes the most response bytes kept; past them the call is cancelled
   * @param wait how long to wait for the end (the call's deadline ends it before, normally)
   * @throws TimeoutException when the call did not end in time (it is cancelled)
   */
  static Recorded run(
      Channel channel,
      MethodDescriptor<DynamicMessage, DynamicMessage> method,
      CallOptions options,
      Metadata headers,
      List<DynamicMessage> requests,
      long maxBytes,
      long waitMillis)
      throws InterruptedException, TimeoutException {
    ClientCall<DynamicMessage, DynamicMessage> call = channel.newCall(method, options);
    CallRecorder recorder = new CallRecorder(call, maxBytes);
    call.start(recorder, headers);
    call.request(1);
    for (DynamicMessage request : requests) {
      call.sendMessage(request);
    }
    call.halfClose();
    try {
      return recorder.closed.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel("the call did not end within " + waitMillis + " ms", null);
      throw e;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a call's listener failed", e.getCause());
    }
  }

  @Override
  public void onHeaders(Metadata received) {
    this.headers = received;
  }

  @Override
  public void onMessage(DynamicMessage message) {
    bytes += message.getSerializedSize();
    if (bytes > maxBytes || messages.size() >= MAX_MESSAGES) {
      truncated = true;
      call.cancel(
          "prooflane kept "
              + messages.size()
              + " response message(s); the next passed limits.bytesPerResponse ("
              + maxBytes
              + " bytes) or "
              + MAX_MESSAGES
              + " messages",
          null);
      return;
    }
    messages.add(message);
    call.request(1);
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    closed.complete(new Recorded(headers, List.copyOf(messages), status, trailers, truncated));
  }
}
