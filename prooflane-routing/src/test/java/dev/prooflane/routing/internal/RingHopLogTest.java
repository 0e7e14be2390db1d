package dev.prooflane.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.routing.HopRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RingHopLogTest {

  private static void add(RingHopLog log, String key, String path) {
    log.add(hop(null, key, path));
  }

  @Test
  void keepsTheMostRecentRecordsUpToCapacity() {
    RingHopLog log = new RingHopLog(3);
    for (int i = 1; i <= 5; i++) {
      add(log, i % 2 == 0 ? "even" : "odd", "/" + i);
    }

    assertThat(log.recent(10)).extracting(HopRecord::path).containsExactly("/3", "/4", "/5");
    assertThat(log.recent(2)).extracting(HopRecord::path).containsExactly("/4", "/5");
    assertThat(log.byKey("odd")).extracting(HopRecord::path).containsExactly("/3", "/5");
    assertThat(log.since(3)).extracting(HopRecord::seq).containsExactly(4L, 5L);
    assertThat(log.since(0)).extracting(HopRecord::seq).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aTraceIsInFlightFromEachOpeningUntilItsRecord() {
    RingHopLog log = new RingHopLog(10);
    log.opened("t1");
    log.opened("t1");
    log.opened(null);
    assertThat(log.inFlight("t1")).isTrue();

    log.add(hop("t1", "k", "/in"));
    assertThat(log.inFlight("t1")).as("one of its two exchanges is still open").isTrue();
    log.add(hop("t1", "k", "/out"));
    assertThat(log.inFlight("t1")).isFalse();

    // a record of an exchange never opened does not count below zero
    log.add(hop("t2", "k", "/"));
    log.opened("t2");
    assertThat(log.inFlight("t2")).isTrue();
    assertThat(log.inFlight(null)).isFalse();
  }

  @Test
  void losesNothingUnderConcurrentWriters() throws InterruptedException {
    RingHopLog log = new RingHopLog(100_000);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 5_000; i++) {
                  add(log, "k", "/x");
                }
              });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(log.since(0))
        .extracting(HopRecord::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 40_000).boxed().toList());
  }

  @Test
  void recognisesHopByHopHeadersInAnyCase() {
    assertThat(HeaderNames.isHopByHop("Transfer-Encoding")).isTrue();
    assertThat(HeaderNames.isHopByHop("KEEP-ALIVE")).isTrue();
    assertThat(HeaderNames.isHopByHop("te")).isTrue();
    assertThat(HeaderNames.isHopByHop("Content-Length")).isFalse();
    assertThat(HeaderNames.connectionOptions("keep-alive")).isNull();
    assertThat(HeaderNames.connectionOptions("Keep-Alive, X-Secret ,close"))
        .containsExactly("x-secret");
  }

  private static HopRecord hop(String traceId, String key, String path) {
    return new HopRecord(
        0,
        Instant.EPOCH,
        traceId,
        key,
        "svc",
        "baseline",
        "127.0.0.1:1",
        "GET",
        path,
        200,
        5,
        HopRecord.HTTP1,
        null,
        0,
        0);
  }
}
