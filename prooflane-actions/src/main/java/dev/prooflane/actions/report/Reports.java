package dev.prooflane.actions.report;

import dev.prooflane.actions.engine.RunResult;
import java.io.IOException;
import java.nio.file.Path;

/** Writes every report of a run into one folder: the signed JSON first, the views after it. */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code report.json}, {@code report.md}, {@code junit.xml} and {@code report.html} into
   * {@code dir} (created if needed), each atomically.
   */
  public static ReportFiles write(RunResult run, Path dir, SigningKeys keys) throws IOException {
    ReportSignature signature = SignedReport.write(run, keys, dir);
    Path md = MarkdownReport.write(run, signature, dir);
    Path junit = JunitReport.write(run, dir);
    Path html = HtmlReport.write(run, signature, dir);
    return new ReportFiles(signature.file(), md, junit, html, signature);
  }
}
