package dev.prooflane.bench.grpc;

import static java.util.Objects.requireNonNull;

import dev.prooflane.bench.Series;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed loop of unary calls: {@code concurrency} calls in flight on one channel, each answered
 * call followed by the next one, until {@code duration} has passed. A failed call ends its lane
 * (counted in {@code errors}): a refused connection must not spin.
 *
 * @param calls the latency of every answered call, in milliseconds
 * @param errors how many calls ended with a status other than OK
 * @param seconds how long the loop ran, from its first call to its last answer
 */
record UnaryLoad(Series calls, int errors, double seconds) {
  private static final byte[] MESSAGE = new byte[32];

  UnaryLoad {
    requireNonNull(calls, "calls");
  }

  /** Runs the loop against {@code channel} and returns what it measured. */
  static UnaryLoad run(Channel channel, int concurrency, Duration duration)
      throws InterruptedException {
    Series calls = new Series();
    AtomicInteger errors = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (int i = 0; i < concurrency; i++) {
      call(channel, calls, errors, done, deadline);
    }
    done.await();
    return new UnaryLoad(calls, errors.get(), (System.nanoTime() - start) / 1e9);
  }

  /** Answered calls per second. */
  double throughput() {
    return calls.size() / seconds;
  }

  private static void call(
      Channel channel, Series calls, AtomicInteger errors, CountDownLatch done, long deadline) {
    long sent = System.nanoTime();
    ClientCalls.asyncUnaryCall(
        channel.newCall(Unary.SAY, CallOptions.DEFAULT),
        MESSAGE,
        new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {
            // the answer's latency is taken when the call completes
          }

          @Override
          public void onError(Throwable t) {
            errors.incrementAndGet();
            done.countDown();
          }

          @Override
          public void onCompleted() {
            long answered = System.nanoTime();
            synchronized (calls) {
              calls.add((answered - sent) / 1e6);
            }
            next();
          }

          private void next() {
            if (System.nanoTime() < deadline) {
              call(channel, calls, errors, done, deadline);
            } else {
              done.countDown();
            }
          }
        });
  }
}
