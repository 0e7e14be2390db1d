package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** The Markdown summary of a {@code validate}: one line per skill run, for a pull request. */
final class ValidationSummary {
  private ValidationSummary() {}

  static String markdown(JsonNode outcome, Path dir) {
    StringBuilder md = new StringBuilder();
    md.append("## Prooflane validation: ").append(outcome.path("verdict").asText()).append("\n\n");
    md.append("Sandbox `")
        .append(outcome.path("sandbox").asText())
        .append("` (routing key `")
        .append(outcome.path("routingKey").asText())
        .append("`), ready in ")
        .append(outcome.path("readyMillis").asLong())
        .append(" ms.\n\n");
    md.append("| skill | verdict | why |\n|---|---|---|\n");
    for (JsonNode r : outcome.path("runs")) {
      md.append("| ")
          .append(r.path("skill").asText())
          .append(" | **")
          .append(r.path("verdict").asText(r.path("state").asText()))
          .append("**")
          .append(" | ")
          .append(r.path("message").asText().replace("|", "\\|").replace("\n", " "))
          .append(" |\n");
    }
    md.append("\nEach run's signed evidence is in `")
        .append(dir)
        .append("/<skill>/report.json`; check it with `prooflane verify`.\n");
    return md.toString();
  }
}
