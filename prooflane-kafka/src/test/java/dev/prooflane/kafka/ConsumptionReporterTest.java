package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumptionReporterTest {
  private final TestDaemon daemon = TestDaemon.start();
  private ConsumptionReporter reporter;

  @AfterEach
  void stop() {
    daemon.release();
    if (reporter != null) {
      reporter.close();
    }
    daemon.close();
  }

  private ConsumptionReporter reporter(int capacity) {
    reporter =
        new ConsumptionReporter(
            new DaemonEndpoint(daemon.api(), TestDaemon.TOKEN),
            new InterceptorSettings(
                daemon.api(), TestDaemon.TOKEN, "notifier", Optional.empty(), "notifier-baseline"),
            capacity,
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
            Duration.ofSeconds(10));
    reporter.start();
    return reporter;
  }

  private static Consumption consumption(long offset) {
    return new Consumption("orders", 0, offset, null, null, Instant.now(), 10);
  }

  private List<Long> offsetsReceived() {
    return daemon.consumedRecords().stream().map(r -> r.path("offset").asLong()).toList();
  }

  @Test
  void sendsWhatQueuesUpInBatchesOfAtMostAThousand() throws Exception {
    reporter(10_000);
    daemon.hold();
    reporter.offer(consumption(0));
    assertThat(daemon.awaitConsumptionCall(10)).isTrue();
    for (long offset = 1; offset <= 2_500; offset++) {
      reporter.offer(consumption(offset));
    }

    daemon.release();

    await().atMost(Duration.ofSeconds(20)).until(() -> reporter.sent() == 2_501);
    assertThat(offsetsReceived())
        .containsExactlyElementsOf(LongStream.rangeClosed(0, 2_500).boxed().toList());
    assertThat(daemon.consumptions())
        .hasSize(4)
        .allSatisfy(body -> assertThat(body.path("records").size()).isBetween(1, 1_000));
    JsonNode first = daemon.consumptions().get(0);
    assertThat(first.path("service").asText()).isEqualTo("notifier");
    assertThat(first.path("instance").asText()).isEqualTo("baseline");
    assertThat(first.path("group").asText()).isEqualTo("notifier-baseline");
  }

  @Test
  void dropsAndCountsWhatDoesNotFitWhileTheDaemonIsSlow() throws Exception {
    reporter(100);
    daemon.hold();
    reporter.offer(consumption(0));
    assertThat(daemon.awaitConsumptionCall(10)).isTrue();

    for (long offset = 1; offset <= 500; offset++) {
      reporter.offer(consumption(offset));
    }

    assertThat(reporter.dropped()).isEqualTo(400);
    daemon.release();
    await().atMost(Duration.ofSeconds(20)).until(() -> reporter.sent() == 101);
    assertThat(offsetsReceived())
        .containsExactlyElementsOf(LongStream.rangeClosed(0, 100).boxed().toList());
  }

  @Test
  void retriesABatchUntilTheDaemonTakesIt() throws Exception {
    daemon.consumptionsStatus(503);
    reporter(100);
    for (long offset = 0; offset < 5; offset++) {
      reporter.offer(consumption(offset));
    }
    assertThat(daemon.awaitConsumptionCall(10)).isTrue();

    daemon.consumptionsStatus(204);

    await().atMost(Duration.ofSeconds(10)).until(() -> reporter.sent() == 5);
    assertThat(offsetsReceived()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(reporter.dropped()).isZero();
  }

  @Test
  void dropsABatchTheDaemonRefusesAsBadInput() throws Exception {
    daemon.consumptionsStatus(400);
    reporter(100);
    reporter.offer(consumption(-1));
    await().atMost(Duration.ofSeconds(10)).until(() -> reporter.dropped() == 1);

    daemon.consumptionsStatus(204);
    reporter.offer(consumption(7));

    await().atMost(Duration.ofSeconds(10)).until(() -> reporter.sent() == 1);
    assertThat(offsetsReceived()).containsExactly(7L);
  }

  @Test
  void sendsWhatIsQueuedWhenClosed() {
    reporter(100);
    for (long offset = 0; offset < 3; offset++) {
      reporter.offer(consumption(offset));
    }

    reporter.close();

    assertThat(offsetsReceived()).containsExactly(0L, 1L, 2L);
  }
}
