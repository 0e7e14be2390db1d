package dev.prooflane.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.audit.AuditLog;
import dev.prooflane.server.audit.Governance;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** {@code GET /audit}: the audit log's last records, filtered by event (prefix) and actor. */
final class AuditHandlers {
  private final Governance governance;

  AuditHandlers(Governance governance) {
    this.governance = governance;
  }

  void list(RoutingContext ctx) {
    int limit = Handlers.intParam(ctx, "limit", 200, 1, 5_000);
    String event = ctx.request().getParam("event");
    String actor = ctx.request().getParam("actor");
    Predicate<JsonNode> wanted =
        r ->
            (event == null || r.path("event").asText().startsWith(event))
                && (actor == null || actor.equals(r.path("actor").asText()));
    AuditLog.Page page = governance.auditRecords(wanted, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("records", page.records());
    body.put("matched", page.matched());
    Handlers.json(ctx, 200, body);
  }
}
