package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.Environment;
import dev.prooflane.model.KafkaSection;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code kafka:}: the broker the daemon starts, or an existing one, and the topics on it. */
class KafkaSectionReaderTest {
  private static final Path FILE = Path.of("/work/prooflane.yaml");

  private static Environment read(String kafka) {
    return EnvironmentReader.parse(FILE, kafka + "services:\n  a: {command: run}\n");
  }

  private static SpecProblem problem(String kafka) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(kafka));
    assertThat(e).as("a SpecException for %s", kafka).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void readsEverySettingOfABrokerTheDaemonStarts() {
    Environment env =
        read(
            "kafka:\n  port: 19092\n  partitions: 5\n  topics: [orders, pay.ments]\n  timeout: 90s\n");

    assertThat(env.kafka())
        .contains(
            new KafkaSection(
                19092,
                5,
                List.of("orders", "pay.ments"),
                Duration.ofSeconds(90),
                Optional.empty()));
    assertThat(env.kafka().orElseThrow().startsBroker()).isTrue();
  }

  @Test
  void anEmptySectionIsABrokerWithTheDefaults() {
    KafkaSection kafka = read("kafka:\n").kafka().orElseThrow();

    assertThat(kafka).isEqualTo(KafkaSection.started(List.of()));
    assertThat(kafka.port()).isZero();
    assertThat(kafka.partitions()).isEqualTo(3);
    assertThat(kafka.timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void anEnvironmentWithoutTheSectionHasNoBroker() {
    assertThat(read("").kafka()).isEmpty();
  }

  @Test
  void bootstrapNamesAnExistingBrokerWhoseTopicsAreStillCreated() {
    KafkaSection kafka =
        read("kafka:\n  bootstrap: 'host1:9092, host2:9093'\n  topics: [orders]\n")
            .kafka()
            .orElseThrow();

    assertThat(kafka.bootstrap()).contains("host1:9092,host2:9093");
    assertThat(kafka.startsBroker()).isFalse();
    assertThat(kafka.topics()).containsExactly("orders");
  }

  @Test
  void aSettingOfTheStartedBrokerBesideBootstrapIsReportedAtItsLine() {
    SpecProblem p = problem("kafka:\n  bootstrap: host:9092\n  partitions: 4\n");

    assertThat(p.line()).isEqualTo(3);
    assertThat(p.field()).isEqualTo("kafka.partitions");
    assertThat(p.message()).contains("set with bootstrap").contains("remove partitions");
  }

  @Test
  void aBootstrapWithoutAPortIsReportedWithTheExpectedForm() {
    SpecProblem p = problem("kafka:\n  bootstrap: 'host1:9092,host2'\n");

    assertThat(p.line()).isEqualTo(2);
    assertThat(p.field()).isEqualTo("kafka.bootstrap");
    assertThat(p.message()).startsWith("'host2' (expected: host:port");
  }

  @Test
  void anIllegalTopicNameIsReportedAtItsItem() {
    SpecProblem p = problem("kafka:\n  topics:\n    - orders\n    - 'bad topic'\n");

    assertThat(p.line()).isEqualTo(4);
    assertThat(p.field()).isEqualTo("kafka.topics[1]");
    assertThat(p.message()).startsWith("'bad topic' (expected: a topic name");
  }

  @Test
  void aTopicListedTwiceIsReported() {
    SpecProblem p = problem("kafka:\n  topics: [orders, orders]\n");

    assertThat(p.field()).isEqualTo("kafka.topics[1]");
    assertThat(p.message()).contains("listed twice");
  }

  @Test
  void outOfRangeNumbersAndAZeroTimeoutAreReportedAtTheirFields() {
    assertThat(problem("kafka:\n  port: 70000\n").field()).isEqualTo("kafka.port");
    assertThat(problem("kafka:\n  partitions: 0\n").message()).contains("out of range");
    assertThat(problem("kafka:\n  timeout: 0s\n").field()).isEqualTo("kafka.timeout");
  }

  @Test
  void anUnknownFieldSuggestsTheClosestKnownOne() {
    SpecProblem p = problem("kafka:\n  topic: [orders]\n");

    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).contains("did you mean 'topics'?");
  }

  @Test
  void kafkaPlaceholdersResolveOnlyWithTheSection() {
    String service =
        "services:\n  a:\n    command: run\n    env:\n"
            + "      BOOTSTRAP: ${kafka.bootstrap}\n      AGENT: ${kafka.interceptor}\n";

    assertThat(EnvironmentReader.parse(FILE, "kafka: {}\n" + service).kafka()).isPresent();
    SpecException e =
        catchThrowableOfType(SpecException.class, () -> EnvironmentReader.parse(FILE, service));
    assertThat(e.problems())
        .extracting(SpecProblem::line, SpecProblem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(5, "services.a.env.BOOTSTRAP"),
            org.assertj.core.groups.Tuple.tuple(6, "services.a.env.AGENT"));
    assertThat(e.problems().get(0).message())
        .isEqualTo(
            "${kafka.bootstrap}: the environment has no Kafka broker (add a kafka: section; see"
                + " docs/kafka.md)");
  }
}
