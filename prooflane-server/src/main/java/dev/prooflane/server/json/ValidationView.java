package dev.prooflane.server.json;

import dev.prooflane.server.runs.ValidationRecord;
import dev.prooflane.server.runs.Validations;
import java.time.Instant;
import java.util.List;

/**
 * A validation as the API shows it while it runs and after ({@code GET /validations/{id}}).
 *
 * @param id the validation id
 * @param state RUNNING, DONE, CANCELLED or FAILED
 * @param sandbox the name of the sandbox it creates
 * @param routingKey the sandbox's key once it was created, else null
 * @param readyMillis create to routable in milliseconds, or null before the sandbox is ready
 * @param verdict PASS, FAIL, ERROR or INCONCLUSIVE once it has ended, else null
 * @param message why it was cancelled or could not run, else null
 * @param runs its runs so far
 * @param kept whether the sandbox was kept, once it has ended, else null
 * @param createdAt when it was started
 * @param progress its progress lines so far
 */
public record ValidationView(
    String id,
    String state,
    String sandbox,
    String routingKey,
    Long readyMillis,
    String verdict,
    String message,
    List<RunView> runs,
    Boolean kept,
    Instant createdAt,
    List<String> progress) {

  /** The view of {@code record} now, with its runs as {@code validations} knows them. */
  public static ValidationView of(ValidationRecord record, Validations validations) {
    Validations.Outcome outcome =
        record.outcome().isDone() && !record.outcome().isCompletedExceptionally()
            ? record.outcome().join()
            : null;
    String message = record.cancellation() != null ? record.cancellation() : record.failure();
    return new ValidationView(
        record.id(),
        record.state(),
        record.sandbox(),
        record.routingKey(),
        record.readyMillis() < 0 ? null : record.readyMillis(),
        outcome == null ? null : outcome.verdict(),
        message,
        outcome == null ? validations.runsOf(record) : outcome.runs(),
        outcome == null ? null : outcome.kept(),
        record.createdAt(),
        record.progress());
  }
}
