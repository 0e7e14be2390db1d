package dev.prooflane.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Reads the records of a state folder's audit log, for assertions on what the daemon recorded. */
public final class AuditRecords {
  private AuditRecords() {}

  /** The details of each {@code event} record whose {@code field} is {@code value}, in order. */
  public static List<JsonNode> details(
      StateFolder state, String event, String field, String value) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode record : all(state)) {
      JsonNode details = record.path("details");
      if (event.equals(record.path("event").asText())
          && value.equals(details.path(field).asText())) {
        out.add(details);
      }
    }
    return out;
  }

  /** The {@code field} of each {@code event} record about sandbox {@code sandbox}, in order. */
  public static List<String> aboutSandbox(
      StateFolder state, String event, String sandbox, String field) {
    return details(state, event, "sandbox", sandbox).stream()
        .map(d -> d.path(field).asText())
        .toList();
  }

  /** Every record of the log, in order; none when there is no log yet. */
  public static List<JsonNode> all(StateFolder state) {
    try {
      if (!Files.exists(state.audit())) {
        return List.of();
      }
      List<JsonNode> records = new ArrayList<>();
      for (String line : Files.readAllLines(state.audit())) {
        records.add(Json.mapper().readTree(line));
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
