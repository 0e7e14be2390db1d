package dev.prooflane.actions.report;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml} for CI: one test suite per run, one test case per step (nested steps
 * flattened with dotted ids). FAIL is a {@code <failure>}, ERROR an {@code <error>}, SKIPPED a
 * {@code <skipped/>}; a run against a sandbox adds a {@code coverage} case that fails when the
 * forked code received no keyed traffic.
 */
public final class JunitReport {
  /** The file name written. */
  public static final String FILE = "junit.xml";

  private JunitReport() {}

  /** Writes {@code dir/junit.xml} atomically. */
  public static Path write(RunResult run, Path dir) throws IOException {
    return AtomicFiles.write(dir.resolve(FILE), render(run));
  }

  private record Case(
      String name, String action, double seconds, String kind, String message, String detail) {}

  static byte[] render(RunResult run) {
    List<Case> cases = new ArrayList<>();
    for (StepTree.Flat f : StepTree.flatten(run.steps())) {
      cases.add(testCase(f));
    }
    if (run.coverage() != null) {
      cases.add(coverage(run));
    }
    int failures = count(cases, "failure");
    int errors = count(cases, "error");
    int skipped = count(cases, "skipped");
    String seconds = seconds(run.durationMillis());
    String suite = "skill:" + Narrative.skill(run);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      attr(x, "name", "prooflane");
      attr(x, "tests", String.valueOf(cases.size()));
      attr(x, "failures", String.valueOf(failures));
      attr(x, "errors", String.valueOf(errors));
      attr(x, "skipped", String.valueOf(skipped));
      attr(x, "time", seconds);
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      attr(x, "name", suite);
      attr(x, "tests", String.valueOf(cases.size()));
      attr(x, "failures", String.valueOf(failures));
      attr(x, "errors", String.valueOf(errors));
      attr(x, "skipped", String.valueOf(skipped));
      attr(x, "time", seconds);
      if (run.startedAt() != null) {
        attr(x, "timestamp", run.startedAt().toString());
      }
      x.writeCharacters("\n    ");
      x.writeStartElement("properties");
      property(x, "runId", run.runId());
      property(x, "verdict", run.verdict().name());
      property(x, "message", run.message());
      property(x, "environment", run.target().environment());
      if (run.target().sandbox() != null) {
        property(x, "sandbox", run.target().sandbox());
        property(x, "routingKey", run.target().routingKey());
        property(x, "forkedServices", String.join(",", Evidence.forked(run)));
      }
      property(x, "skillDigest", run.skill().digest());
      x.writeCharacters("\n    ");
      x.writeEndElement();
      for (Case c : cases) {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        attr(x, "classname", "prooflane." + run.skill().name());
        attr(x, "name", c.name());
        attr(x, "time", String.format(Locale.ROOT, "%.3f", c.seconds()));
        if (c.kind() != null) {
          x.writeCharacters("\n      ");
          if (c.kind().equals("skipped")) {
            x.writeEmptyElement("skipped");
            attr(x, "message", c.message());
          } else {
            x.writeStartElement(c.kind());
            attr(x, "message", c.message());
            attr(x, "type", c.action());
            x.writeCharacters(clean(c.detail()));
            x.writeEndElement();
          }
          x.writeCharacters("\n    ");
        }
        x.writeEndElement();
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing junit.xml: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static Case testCase(StepTree.Flat f) {
    var s = f.result();
    double seconds = s.durationMillis() / 1000.0;
    String kind =
        switch (s.verdict()) {
          case PASS -> null;
          case FAIL, INCONCLUSIVE -> "failure";
          case ERROR -> "error";
          case SKIPPED -> "skipped";
        };
    StringBuilder detail = new StringBuilder(s.message()).append('\n');
    for (Assertion a : s.assertions()) {
      if (!a.passed()) {
        detail.append(a.path()).append(": ").append(a.message()).append('\n');
      }
    }
    detail.append("at ").append(s.location()).append('\n');
    String type = s.verdict() == Verdict.INCONCLUSIVE ? "INCONCLUSIVE" : s.action();
    return new Case(f.id(), type, seconds, kind, s.message(), detail.toString());
  }

  private static Case coverage(RunResult run) {
    List<String> lines = Narrative.coverage(run);
    String detail = String.join("\n", lines) + "\n";
    if (run.coverage().allExercised()) {
      return new Case(Statement.COVERAGE_TEST, "coverage", 0, null, null, detail);
    }
    String message =
        "the change was not exercised: no keyed traffic reached "
            + String.join(", ", run.coverage().unexercised())
            + " in sandbox "
            + run.target().sandbox()
            + ": "
            + run.coverage().whereTheKeyStopped();
    return new Case(Statement.COVERAGE_TEST, "INCONCLUSIVE", 0, "failure", message, detail);
  }

  private static int count(List<Case> cases, String kind) {
    return (int) cases.stream().filter(c -> kind.equals(c.kind())).count();
  }

  private static String seconds(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    attr(x, "name", name);
    attr(x, "value", value);
  }

  private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, clean(value == null ? "" : value));
  }

  /** Drops what XML 1.0 cannot carry even escaped (control characters, lone surrogates). */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean ok =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (ok) {
        out.appendCodePoint(cp);
      } else {
        out.append("\\u").append(String.format(Locale.ROOT, "%04x", cp));
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
