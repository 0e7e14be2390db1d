package dev.prooflane.actions.diff;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.grpc.GrpcOutcome;
import dev.prooflane.actions.http.HttpOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side's answer as {@code diff} compares it, from an HTTP request or a gRPC call.
 *
 * @param exchange the evidence
 * @param status the HTTP status (a number) or the gRPC status's name
 * @param body the parsed JSON body or the text; a gRPC call's response
 * @param bodyText the body as text
 * @param json whether {@code body} is JSON (always, for gRPC)
 * @param servedBy who served the addressed service, or CEL's null
 */
record Answer(
    Exchange exchange, Object status, Object body, String bodyText, boolean json, Object servedBy) {
  static Answer of(HttpOutcome outcome) {
    return new Answer(
        outcome.exchange(),
        (long) outcome.status(),
        outcome.body(),
        outcome.bodyText(),
        outcome.json(),
        outcome.outputs().get("servedBy"));
  }

  static Answer of(GrpcOutcome outcome) {
    return new Answer(
        outcome.exchange(),
        outcome.statusName(),
        outcome.response(),
        Values.toJson(outcome.response()).toString(),
        true,
        outcome.outputs().get("servedBy"));
  }

  /** The {@code sandbox} or {@code baseline} output: status, body, servedBy. */
  Map<String, Object> side() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("body", body);
    out.put("servedBy", servedBy);
    return out;
  }
}
