package dev.prooflane.actions.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.runtime.PropagationDrop;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ViewsTest {
  private static final SigningKeys KEYS = SigningKeys.generate();

  @TempDir Path dir;

  @Test
  void writesAllFourReportsAndTheJsonVerifies() throws Exception {
    ReportFiles files = Reports.write(Runs.fail(), dir.resolve("out"), KEYS);

    assertThat(files.json()).exists().hasFileName("report.json");
    assertThat(files.md()).exists().hasFileName("report.md");
    assertThat(files.junit()).exists().hasFileName("junit.xml");
    assertThat(files.html()).exists().hasFileName("report.html");
    assertThat(Verifier.verify(files.json()).valid()).isTrue();
    try (var listing = Files.list(files.json().getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "report.json",
              "statement.json",
              "report-signing.pub",
              "report.md",
              "junit.xml",
              "report.html");
    }
  }

  @Test
  void markdownLeadsWithTheVerdictAndTheFailingPaths() throws Exception {
    ReportFiles files = Reports.write(Runs.fail(), dir, KEYS);
    String md = Files.readString(files.md());

    assertThat(md.lines().findFirst().orElseThrow()).contains("FAIL").contains("price-check@2");
    assertThat(md).contains("`$.price`: expected number, got string");
    assertThat(md).contains("ERROR PriceFormatter");
    assertThat(md.indexOf("### Failures")).isLessThan(md.indexOf("### Steps"));
    assertThat(md)
        .contains("pricing in sandbox pr-42 served 2 keyed requests: GET /prices/1 (200),")
        .contains("without the routing key answered 200, served by pricing@baseline")
        .contains(files.signature().payloadSha256())
        .contains(KEYS.keyId())
        .contains("`prooflane verify report.json`");
    // Outside code, markup characters are escaped; log lines stay verbatim inside a code fence.
    assertThat(md).contains("expected \\<integer\\> & \"positive\"");
    assertThat(md).contains("```\n  ERROR PriceFormatter: formatted price as text </pre><script>");
  }

  @Test
  void everyReportNamesTheCallSiteADropDetectorRecorded() throws Exception {
    PropagationDrop record =
        new PropagationDrop(
            Runs.T0.plusMillis(12),
            "catalog",
            "baseline",
            "k7f3a",
            Runs.TRACE,
            new PropagationDrop.Inbound("GET", "/items/1"),
            new PropagationDrop.Outbound(
                "http", "GET", "http://127.0.0.1:7102/prices/1", List.of("traceparent")),
            new PropagationDrop.CallSite("shop.http.Downstream", "get", "Downstream.java", 71),
            List.of("shop.http.Downstream.get(Downstream.java:71)"));
    ReportFiles files = Reports.write(Runs.inconclusive(List.of(record)), dir, KEYS);
    String where = "catalog (baseline) dropped it at shop.http.Downstream.get(Downstream.java:71)";

    JsonNode drop =
        Verifier.verify(files.json())
            .statement()
            .at("/predicate/prooflane/coverage/keyTrail/drops/0");
    assertThat(drop.at("/callSite/class").asText()).isEqualTo("shop.http.Downstream");
    assertThat(drop.at("/callSite/method").asText()).isEqualTo("get");
    assertThat(drop.at("/callSite/file").asText()).isEqualTo("Downstream.java");
    assertThat(drop.at("/callSite/line").asInt()).isEqualTo(71);
    assertThat(drop.at("/detected/0/outbound/target").asText())
        .isEqualTo("http://127.0.0.1:7102/prices/1");
    assertThat(drop.at("/detected/0/outbound/carried/0").asText()).isEqualTo("traceparent");
    assertThat(drop.at("/detected/0/inbound/target").asText()).isEqualTo("/items/1");
    assertThat(Files.readString(files.md())).contains(where);
    assertThat(Files.readString(files.html()))
        .contains(where)
        .contains("the drop detector named the call site shop.http.Downstream.get");
  }

  @Test
  void anInconclusiveRunWithoutDropRecordsHasNoCallSite() throws Exception {
    ReportFiles files = Reports.write(Runs.inconclusive(), dir, KEYS);

    JsonNode drop =
        Verifier.verify(files.json())
            .statement()
            .at("/predicate/prooflane/coverage/keyTrail/drops/0");
    assertThat(drop.get("callSite").isNull()).isTrue();
    assertThat(drop.get("detected")).isEmpty();
    assertThat(Files.readString(files.md())).doesNotContain("dropped it at");
  }

  @Test
  void markdownOfAnInconclusiveRunSaysTheChangeWasNotExercised() throws Exception {
    String md = Files.readString(Reports.write(Runs.inconclusive(), dir, KEYS).md());

    assertThat(md).contains("Prooflane INCONCLUSIVE");
    assertThat(md).contains("pricing in sandbox pr-42 served NO keyed requests");
  }

  @Test
  void everyReportOfAnInconclusiveRunSaysWhereTheKeyStopped() throws Exception {
    ReportFiles files = Reports.write(Runs.inconclusive(), dir, KEYS);
    String where =
        "the key reached catalog (baseline); catalog's calls to pricing carried no key: catalog"
            + " (baseline) dropped it; last keyed hop: catalog (baseline) GET /items/1 -> 200";

    JsonNode trail =
        Verifier.verify(files.json()).statement().at("/predicate/prooflane/coverage/keyTrail");
    assertThat(trail.at("/reached/0/service").asText()).isEqualTo("catalog");
    assertThat(trail.at("/lastKeyedHop/path").asText()).isEqualTo("/items/1");
    assertThat(trail.at("/drops/0/service").asText()).isEqualTo("catalog");
    assertThat(trail.at("/drops/0/destination").asText()).isEqualTo("baseline");
    assertThat(trail.at("/drops/0/sameTrace").asBoolean()).isTrue();
    assertThat(trail.at("/drops/0/keyedHop/routingKey").asText()).isEqualTo("k7f3a");
    assertThat(trail.at("/drops/0/unkeyedHops/0/service").asText()).isEqualTo("pricing");
    assertThat(trail.at("/drops/0/unkeyedHops/0/routingKey").isNull()).isTrue();
    assertThat(trail.get("unreached")).isEmpty();

    assertThat(Files.readString(files.md()))
        .contains("catalog's calls to pricing carried no key: catalog (baseline) dropped it")
        .contains("last keyed hop: catalog (baseline) GET /items/1 -\\> 200");
    Document junit = parse(files.junit());
    NodeList cases = junit.getElementsByTagName("testcase");
    Element coverage = (Element) cases.item(cases.getLength() - 1);
    assertThat(((Element) coverage.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .contains(where);
    assertThat(Files.readString(files.html()))
        .contains("catalog&#39;s calls to pricing carried no key: catalog (baseline) dropped it")
        .contains("calls without the key while catalog (baseline) served GET /items/1");
  }

  @Test
  void junitHasOneCasePerStepAndTheRightCounts() throws Exception {
    Document doc = parse(Reports.write(Runs.fail(), dir, KEYS).junit());
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);

    // quote, contract, no_errors, compare, smoke, smoke.ping, report_price, coverage
    assertThat(suite.getAttribute("tests")).isEqualTo("8");
    assertThat(suite.getAttribute("failures")).isEqualTo("3");
    assertThat(suite.getAttribute("errors")).isEqualTo("2");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(8);
    assertThat(((Element) cases.item(5)).getAttribute("name")).isEqualTo("smoke.ping");
    Element contract = (Element) cases.item(1);
    Element failure = (Element) contract.getElementsByTagName("failure").item(0);
    assertThat(failure.getTextContent())
        .contains("$.price: expected number, got string")
        .contains("$.items[0]['unit price']: expected <integer> & \"positive\"");
    assertThat(((Element) cases.item(6)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void junitOfAnInconclusiveRunFailsTheCoverageCase() throws Exception {
    Document doc = parse(Reports.write(Runs.inconclusive(), dir, KEYS).junit());
    NodeList cases = doc.getElementsByTagName("testcase");
    Element coverage = (Element) cases.item(cases.getLength() - 1);

    assertThat(coverage.getAttribute("name")).isEqualTo("coverage");
    assertThat(((Element) coverage.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .contains("the change was not exercised");
    assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("failures"))
        .isEqualTo("1");
  }

  @Test
  void junitStaysValidXmlWhateverTheStepsSay() throws Exception {
    var weird =
        Runs.step(
            "odd", "check", dev.prooflane.actions.core.Verdict.FAIL, "nul\u0000 ]]> <&> \uD800", 1);
    var base = Runs.pass();
    var run =
        new dev.prooflane.actions.engine.RunResult(
            base.runId(),
            base.startedAt(),
            1,
            base.skill(),
            base.target(),
            base.inputs(),
            java.util.List.of(weird),
            base.outputs(),
            dev.prooflane.actions.core.Verdict.FAIL,
            "x",
            base.coverage(),
            base.control(),
            base.forkLogs());

    Document doc = parse(JunitReport.write(run, dir));
    assertThat(((Element) doc.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .contains("]]> <&>");
  }

  @Test
  void htmlIsSelfContainedAndShowsFailuresFirst() throws Exception {
    String html = Files.readString(Reports.write(Runs.fail(), dir, KEYS).html());

    assertThat(html).contains("$.price").contains("expected number, got string");
    assertThat(html).contains("$.items[0][&#39;unit price&#39;]");
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?(https?:)?//");
    assertThat(html).doesNotContainPattern("(?i)<(script|link|iframe|img)\\b");
    assertThat(html).doesNotContainPattern("(?i)url\\(|@import");
    assertThat(html).contains("&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;");
    assertThat(html.indexOf("Failures")).isLessThan(html.indexOf("Timeline"));
    assertThat(html).contains("class=\"diff\"").contains("td class=\"sandbox\"");
    assertThat(html).contains("served 2 keyed requests");
    assertThat(html).contains(KEYS.keyId());
  }

  @Test
  void htmlOfAPassingRunHasNoFailureSection() throws Exception {
    String html = Files.readString(Reports.write(Runs.pass(), dir, KEYS).html());

    assertThat(html).contains("class=\"run PASS\"");
    assertThat(html).doesNotContain("<h2>Failures</h2>");
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
  }
}
