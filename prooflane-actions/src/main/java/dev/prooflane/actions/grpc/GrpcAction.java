package dev.prooflane.actions.grpc;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.HopPath;
import dev.prooflane.actions.http.Redaction;
import io.grpc.Status;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code grpc}: a gRPC method of a service of the environment by name, through its router listener,
 * with JSON messages. When the run targets a sandbox the routing key goes in every header form the
 * environment configures, so the call reaches the fork wherever the sandbox forked a service on its
 * path. With {@code url: grpc://host:port} instead, a call to an external host that the policy's
 * {@code http.allow} lists (never with the key). A status other than OK is an output, not an error;
 * {@code expectStatus} turns it into a FAIL.
 */
public final class GrpcAction implements Action {
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "grpc",
          "Call a gRPC method of a service of the environment by name with a JSON request; the"
              + " routing key is injected in metadata when the run targets a sandbox.",
          Stream.concat(
                  Stream.of(
                      Field.optional(
                          "service",
                          "string",
                          "the service's name in the environment: the call goes to its router"
                              + " listener (or give url)"),
                      Field.optional(
                          "url",
                          "string",
                          "instead of service: grpc://host:port of an external server (plaintext"
                              + " HTTP/2); only hosts the policy's http.allow lists with method"
                              + " POST; the routing key is not sent")),
                  Stream.concat(
                      GrpcCall.CALL_FIELDS.stream(),
                      Stream.of(
                          Field.optional(
                              "timeout",
                              "duration",
                              "the call's deadline (sent as grpc-timeout); default: the step's"
                                  + " remaining time"),
                          Field.optional(
                              "expectStatus",
                              "any",
                              "a status name (OK, NOT_FOUND...) or number, or a list of them; any"
                                  + " other status FAILs the step"),
                          Field.optional(
                              "inject",
                              "boolean",
                              "false sends the call without the routing key; default true"),
                          Field.optional(
                              "label",
                              "string",
                              "names the exchange in the report; default sandbox/baseline"))))
              .toList(),
          List.of(
              Field.required("status", "string", "the status's code name: OK, NOT_FOUND..."),
              Field.required(
                  "code", "integer", "the status's number: 0 for OK, 5 for NOT_FOUND..."),
              Field.required("message", "string", "the status message (grpc-message), or empty"),
              Field.required(
                  "response",
                  "any",
                  "the response message as JSON (protobuf's JSON form, zero values included;"
                      + " 64-bit integers as text), null when none came; for a server-streaming"
                      + " or bidi method the list of them"),
              Field.required("headers", "object", "response headers: lower-case name to value"),
              Field.required("trailers", "object", "response trailers: lower-case name to value"),
              Field.required(
                  "truncated",
                  "boolean",
                  "whether the call was cancelled because the responses passed the policy's"
                      + " limits.bytesPerResponse"),
              Field.required("durationMillis", "number", "time to the end of the call"),
              Field.required(
                  "hops",
                  "array",
                  "the router's hops for this call, in the order they arrived: service,"
                      + " destination (baseline or the sandbox that served it), status,"
                      + " routingKey"),
              Field.required(
                  "servedBy",
                  "string",
                  "baseline or the sandbox that served the addressed service (its first hop)"),
              Field.required("traceId", "string", "the W3C trace id the call carried"),
              Field.required("url", "string", "grpc://host:port/package.Service/Method called")),
          """
          - id: stock
            action: grpc
            with:
              service: inventory
              method: shop.Stock/Get
              request: { sku: ${{ inputs.sku }} }
              expectStatus: OK
          """);

  /** The fields {@code with:} may hold: exactly the descriptor's inputs. */
  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  private final GrpcClient client;

  /** An action that redacts the default secret metadata and resolves hosts with the system. */
  public GrpcAction() {
    this(Redaction.DEFAULT, HostResolver.SYSTEM);
  }

  /**
   * An action that redacts {@code redaction}'s metadata and resolves external hosts with {@code
   * resolver}.
   */
  public GrpcAction(Redaction redaction, HostResolver resolver) {
    this.client = new GrpcClient(redaction, resolver);
  }

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    if (input.has("url") && input.has("inject")) {
      throw input.error(
          "inject", "cannot be given with url: (the routing key is never sent outside)");
    }
    GrpcCall call = GrpcCall.read(input, context.runtime(), true);
    List<Status.Code> expected = expectedStatuses(input);
    boolean keyed =
        call.service() != null && context.sandbox().isPresent() && input.bool("inject", true);
    String label =
        input
            .optionalString("label")
            .orElse(call.url() != null ? "external" : keyed ? "sandbox" : "baseline");
    GrpcOutcome outcome;
    try (PreparedCall prepared = client.prepare(call, input, keyed, context)) {
      outcome = client.send(prepared, keyed, label, context);
    }
    String summary =
        call.fullMethod()
            + " on "
            + (call.service() != null ? call.service() : call.url().getRawAuthority())
            + " -> "
            + outcome.statusName()
            + (outcome.message().isEmpty() ? "" : " (" + outcome.message() + ")")
            + HopPath.describe(
                outcome.hops(), keyed ? context.sandbox().orElseThrow().name() : null);
    ActionResult.Builder result =
        ActionResult.builder().outputs(outcome.outputs()).exchange(outcome.exchange());
    if (!expected.isEmpty()) {
      List<String> names = expected.stream().map(Status.Code::name).toList();
      String want = names.size() == 1 ? "status " + names.get(0) : "a status in " + names;
      if (expected.contains(outcome.status().getCode())) {
        result.assertion(Assertion.passed("status", "expected " + want));
      } else {
        result.assertion(
            Assertion.failed(
                "status",
                "expected "
                    + want
                    + ", got "
                    + outcome.statusName()
                    + (outcome.message().isEmpty() ? "" : ": " + outcome.message()),
                names.size() == 1 ? names.get(0) : names,
                outcome.statusName()));
        return result.build();
      }
    }
    return result.message(summary).build();
  }

  private static List<Status.Code> expectedStatuses(ActionInput input) {
    return input.list("expectStatus").stream().map(v -> code(input, v)).toList();
  }

  private static Status.Code code(ActionInput input, Object value) {
    if (value instanceof String name) {
      try {
        return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // not a name: below
      }
    } else if (value instanceof Long number && number >= 0 && number <= 16) {
      return Status.fromCodeValue(number.intValue()).getCode();
    }
    throw input.error(
        "expectStatus",
        "expected a gRPC status name (OK, NOT_FOUND, ...) or number from 0 to 16, got "
            + Values.text(value));
  }
}
