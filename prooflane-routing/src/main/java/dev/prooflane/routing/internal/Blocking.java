package dev.prooflane.routing.internal;

import dev.prooflane.model.ProoflaneException;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Waits for a Netty future from a caller's thread, turning failures into ProoflaneException. */
final class Blocking {
  private static final long TIMEOUT_SECONDS = 30;

  private Blocking() {}

  static <T> T await(Future<T> future, String what) {
    try {
      if (!future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new ProoflaneException(what + ": no answer within " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProoflaneException(what + ": interrupted", e);
    }
    if (!future.isSuccess()) {
      Throwable cause = future.cause();
      throw new ProoflaneException(what + ": " + cause.getMessage(), cause);
    }
    return future.getNow();
  }
}
