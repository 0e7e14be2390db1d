package dev.prooflane.actions.report;

import java.nio.file.Path;

/**
 * The reports written for one run.
 *
 * @param json the signed statement, {@code report.json}
 * @param md the pull request summary, {@code report.md}
 * @param junit the CI report, {@code junit.xml}
 * @param html the single-file report, {@code report.html}
 * @param signature the digest and key that sealed {@code report.json}
 */
public record ReportFiles(Path json, Path md, Path junit, Path html, ReportSignature signature) {}
