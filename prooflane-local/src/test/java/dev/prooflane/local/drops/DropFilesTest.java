package dev.prooflane.local.drops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.StateFolder;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.PropagationDrop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drop record files as the detector writes them, read for one key, tolerantly. */
class DropFilesTest {
  /** A record in the contract's format (docs/propagation.md), with a field no reader knows. */
  static final String CATALOG_DROP =
      """
      {"v":1,"time":"2026-12-07T07:01:02.345Z","service":"catalog","destination":"baseline",\
      "key":"k42","traceId":"4bf92f3577b34da6a3ce929d0e0e4736",\
      "inbound":{"method":"GET","target":"/items/42"},\
      "outbound":{"protocol":"http","method":"GET","target":"http://127.0.0.1:40123/prices/42",\
      "carried":["traceparent"]},\
      "callSite":{"class":"dev.prooflane.examples.shop.http.Downstream","method":"get",\
      "file":"Downstream.java","line":71},\
      "stack":["dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)",\
      "dev.prooflane.examples.shop.catalog.CatalogService.item(CatalogService.java:40)"],\
      "futureField":{"anything":[1,2,3]}}
      """;

  @TempDir Path root;

  private DropFiles files() {
    return new DropFiles(StateFolder.of(root).drops());
  }

  private void write(String destination, String service, String text) throws Exception {
    Path file = StateFolder.of(root).drops(destination, service);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryFieldOfARecordAndIgnoresUnknownOnes() throws Exception {
    write("baseline", "catalog", CATALOG_DROP);

    DropRecords read = files().read("k42");

    assertThat(read.malformedLines()).isZero();
    PropagationDrop d = read.records().get(0);
    assertThat(read.records()).hasSize(1);
    assertThat(d.time()).isEqualTo(Instant.parse("2026-12-07T07:01:02.345Z"));
    assertThat(d.service()).isEqualTo("catalog");
    assertThat(d.destination()).isEqualTo("baseline");
    assertThat(d.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(d.inbound()).isEqualTo(new PropagationDrop.Inbound("GET", "/items/42"));
    assertThat(d.outbound().protocol()).isEqualTo("http");
    assertThat(d.outbound().describe()).isEqualTo("GET http://127.0.0.1:40123/prices/42");
    assertThat(d.outbound().carried()).containsExactly("traceparent");
    assertThat(d.callSite())
        .hasToString("dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)");
    assertThat(d.stack()).hasSize(2);
  }

  @Test
  void keepsOnlyTheRecordsOfTheKeyFromEveryDestinationOldestFirst() throws Exception {
    write(
        "pr-7",
        "catalog",
        CATALOG_DROP.replace("07:01:02.345Z", "07:05:00Z").replace("\"baseline\"", "\"pr-7\""));
    write("baseline", "catalog", CATALOG_DROP + CATALOG_DROP.replace("k42", "other"));
    write("baseline", "frontend", CATALOG_DROP.replace("catalog", "frontend"));

    DropRecords read = files().read("k42");

    assertThat(read.records())
        .extracting(PropagationDrop::service, PropagationDrop::destination)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("catalog", "baseline"),
            org.assertj.core.groups.Tuple.tuple("frontend", "baseline"),
            org.assertj.core.groups.Tuple.tuple("catalog", "pr-7"));
    assertThat(files().read("nobody").records()).isEmpty();
  }

  @Test
  void readsTheFileBeforeTheCurrentOneTooWhichTheDetectorKeepsAsDotOne() throws Exception {
    write("baseline", "catalog", CATALOG_DROP.replace("07:01:02.345Z", "07:09:00Z"));
    Path current = StateFolder.of(root).drops("baseline", "catalog");
    Files.writeString(current.resolveSibling("catalog.jsonl.1"), CATALOG_DROP);

    DropRecords read = files().read("k42");

    assertThat(read.records())
        .extracting(PropagationDrop::service, PropagationDrop::time)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "catalog", Instant.parse("2026-12-07T07:01:02.345Z")),
            org.assertj.core.groups.Tuple.tuple("catalog", Instant.parse("2026-12-07T07:09:00Z")));
  }

  @Test
  void readsTheRecordsOfAFileWhoseLastRecordEndsInsideACharacter() throws Exception {
    Path file = StateFolder.of(root).drops("baseline", "catalog");
    Files.createDirectories(file.getParent());
    byte[] whole = CATALOG_DROP.getBytes(StandardCharsets.UTF_8);
    byte[] cut = "{\"key\":\"k42\",\"note\":\"\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(whole, whole.length + cut.length - 1);
    System.arraycopy(cut, 0, bytes, whole.length, cut.length - 1); // half of the é
    Files.write(file, bytes);

    DropRecords read = files().read("k42");

    assertThat(read.records()).hasSize(1);
    assertThat(read.malformedLines()).isZero();
  }

  @Test
  void skipsAndCountsMalformedLinesAndIgnoresATornLastLine() throws Exception {
    String torn = CATALOG_DROP.strip().substring(0, 60);
    write(
        "baseline",
        "catalog",
        "not json at all\n"
            + "[1,2]\n"
            + "{\"v\":1,\"key\":42}\n"
            + "\n"
            + CATALOG_DROP
            + "{\"v\":1,\"notice\":\"limit of 10000 records reached; later drops are not recorded\"}\n"
            + torn);

    DropRecords read = files().read("k42");

    assertThat(read.records()).hasSize(1);
    assertThat(read.malformedLines()).isEqualTo(3);
  }

  @Test
  void acceptsAWholeLastRecordWithoutItsNewlineAndFillsMissingFieldsFromThePlace()
      throws Exception {
    write("pr-1", "pricing", "{\"v\":1,\"key\":\"k42\",\"callSite\":{\"class\":\"a.B\"}}");

    DropRecords read = files().read("k42");

    PropagationDrop d = read.records().get(0);
    assertThat(d.service()).isEqualTo("pricing");
    assertThat(d.destination()).isEqualTo("pr-1");
    assertThat(d.time()).isNull();
    assertThat(d.outbound()).isNull();
    assertThat(d.callSite()).as("a call site without a method is no call site").isNull();
  }

  @Test
  void answersNoneWhenThereIsNoDropsFolder() {
    assertThat(files().read("k42")).isEqualTo(DropRecords.NONE);
  }
}
