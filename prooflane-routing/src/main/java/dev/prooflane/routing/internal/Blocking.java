package dev.prooflane.routing.internal;

import dev.prooflane.model.ProoflaneException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a Vert.x future from a caller's thread, turning failures into ProoflaneException. */
final class Blocking {
  private static final long TIMEOUT_SECONDS = 30;

  private Blocking() {}

  static <T> T await(Future<T> future, String what) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          what + ": called on a Vert.x event loop (expected: a caller thread that may block)");
    }
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProoflaneException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ProoflaneException(what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new ProoflaneException(what + ": no answer within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
