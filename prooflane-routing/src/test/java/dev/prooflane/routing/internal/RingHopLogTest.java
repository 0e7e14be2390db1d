package dev.prooflane.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.RecordPosition;
import dev.prooflane.routing.HopRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  void keepsEveryFieldOfEachRecordAsItWasAdded() {
    RingHopLog log = new RingHopLog(10);
    Instant time = Instant.parse("2026-12-07T10:15:30.123456789Z");
    List<HopRecord> added =
        List.of(
            new HopRecord(
                0,
                time,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "key-a",
                "orders",
                "sbx-a",
                "127.0.0.1:9001",
                "POST",
                "/orders/7",
                201,
                1_234,
                HopRecord.GRPC,
                14,
                5,
                7),
            new HopRecord(
                0,
                time,
                null,
                null,
                "orders",
                HopRecord.BASELINE,
                "",
                "",
                "",
                0,
                0,
                HopRecord.HTTP1,
                null,
                0,
                0),
            // kept whole: a field longer than a slot holds, a character outside ASCII, a message
            hop(null, "key-a", "/" + "x".repeat(RingHopLog.MAX_FIELD)),
            hop(null, "key-\u00e9", "/caf\u00e9"),
            new HopRecord(
                0,
                time,
                null,
                "key-a",
                "orders",
                "sbx-a",
                "",
                "",
                "",
                0,
                0,
                HopRecord.KAFKA,
                null,
                3,
                0,
                new RecordPosition("orders", 2, 41, "billing")));
    added.forEach(log::add);

    List<HopRecord> kept = log.since(0);
    for (int i = 0; i < added.size(); i++) {
      assertThat(kept.get(i)).isEqualTo(added.get(i).withSeq(i + 1));
    }
    assertThat(log.byKey("key-a")).extracting(HopRecord::seq).containsExactly(1L, 3L, 5L);
    assertThat(log.byKey(null)).extracting(HopRecord::seq).containsExactly(2L);
    assertThat(log.byKey("key-\u00e9")).extracting(HopRecord::seq).containsExactly(4L);
    assertThat(log.byKey("key-")).isEmpty();
  }

  /**
   * Writers overwrite a small ring many times over while readers copy it: every record a reader
   * gets is one that was added, whole (its fields all agree), never a mix of two.
   */
  @Test
  void readersNeverGetAHalfWrittenRecord() throws InterruptedException {
    RingHopLog log = new RingHopLog(8);
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch reading = new CountDownLatch(2);
    AtomicInteger read = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      boolean recent = r == 0;
      readers.add(
          new Thread(
              () -> {
                try {
                  reading.countDown();
                  do {
                    for (HopRecord hop : recent ? log.recent(8) : log.since(0)) {
                      assertThat(hop).isEqualTo(numbered((int) hop.bytesIn()).withSeq(hop.seq()));
                      read.incrementAndGet();
                    }
                  } while (writing.get());
                } catch (Throwable failed) {
                  failures.add(failed);
                }
              }));
    }
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      writers.add(
          new Thread(
              () -> {
                try {
                  // the ring is overwritten while both readers read it
                  reading.await();
                  for (int n = 0; n < 100_000; n++) {
                    log.add(numbered(n * 2 + writer));
                  }
                } catch (InterruptedException stopped) {
                  failures.add(stopped);
                }
              }));
    }
    readers.forEach(Thread::start);
    writers.forEach(Thread::start);
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(failures).isEmpty();
    assertThat(read.get()).as("records the readers checked").isPositive();
    assertThat(log.since(0)).hasSize(8);
  }

  /** Record {@code id}: every field says {@code id}; every third is too long for a slot. */
  private static HopRecord numbered(int id) {
    String path = "/" + id + (id % 3 == 0 ? "/" + "x".repeat(RingHopLog.MAX_FIELD) : "");
    return new HopRecord(
        0,
        Instant.ofEpochSecond(id, id),
        null,
        "key-" + id,
        "svc",
        id % 2 == 0 ? HopRecord.BASELINE : "sbx-" + id,
        "127.0.0.1:" + id,
        "GET",
        path,
        200 + id % 300,
        id,
        HopRecord.HTTP1,
        id % 5 == 0 ? null : id % 17,
        id,
        -id);
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
