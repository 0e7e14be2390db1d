package dev.prooflane.cli;

import dev.prooflane.server.json.RunView;
import dev.prooflane.server.runs.Validations;
import java.nio.file.Path;

/** The Markdown summary of a {@code validate}: one line per skill run, for a pull request. */
final class ValidationSummary {
  private ValidationSummary() {}

  static String markdown(Validations.Outcome outcome, Path dir) {
    StringBuilder md = new StringBuilder();
    md.append("## Prooflane validation: ").append(outcome.verdict()).append("\n\n");
    md.append("Sandbox `")
        .append(outcome.sandbox())
        .append("` (routing key `")
        .append(outcome.routingKey())
        .append("`), ready in ")
        .append(outcome.readyMillis())
        .append(" ms.\n\n");
    md.append("| skill | verdict | why |\n|---|---|---|\n");
    for (RunView r : outcome.runs()) {
      md.append("| ")
          .append(r.skill())
          .append(" | **")
          .append(RunPrinter.verdictOrState(r))
          .append("**")
          .append(" | ")
          .append(RunPrinter.message(r).replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    md.append("\nEach run's signed evidence is in `")
        .append(dir)
        .append("/<skill>/report.json`; check it with `prooflane verify`.\n");
    return md.toString();
  }
}
