package dev.prooflane.actions.diff;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.grpc.GrpcCall;
import dev.prooflane.actions.grpc.GrpcClient;
import dev.prooflane.actions.grpc.PreparedCall;
import dev.prooflane.actions.http.HttpCall;
import dev.prooflane.actions.http.Redaction;
import dev.prooflane.actions.http.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code diff}: sends the same request (or gRPC call) to the sandbox (keyed) and to the baseline
 * (unkeyed) and compares status and body — JSON structurally, text line by line — after declared
 * noise. Without expectations any difference FAILs; {@code allow} names what may differ, {@code
 * expectDifferent} what must.
 */
public final class DiffAction implements Action {
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "diff",
          "Send the same request to the sandbox and to the baseline and compare the answers, with"
              + " declared noise and the differences allowed or expected.",
          java.util.stream.Stream.of(
                  HttpCall.REQUEST_FIELDS.stream()
                      .map(
                          f ->
                              f.name().equals("method")
                                  ? Field.optional(
                                      "method",
                                      "string",
                                      "GET (default), POST, PUT, PATCH, DELETE...; or a gRPC"
                                          + " method, package.Service/Method, which compares"
                                          + " the two calls' statuses and responses")
                                  : f),
                  GrpcCall.CALL_FIELDS.stream()
                      .filter(f -> !f.name().equals("method"))
                      .map(
                          f ->
                              Field.optional(
                                  f.name(), f.type(), "a gRPC call's " + f.description())),
                  java.util.stream.Stream.of(
                      Field.optional(
                          "ignore",
                          "array",
                          "JSON paths never compared: $.a.b, $.a[*].b, $..b (and everything under them)"),
                      Field.optional(
                          "ignoreRegex",
                          "array",
                          "regular expressions whose matches are blanked in both answers (ids, times)"),
                      Field.optional(
                          "allow",
                          "array",
                          "JSON paths (or status) that may differ; any other FAILs"),
                      Field.optional(
                          "expectDifferent",
                          "array",
                          "JSON paths (or status) that must differ, proving the change is visible")))
              .flatMap(f -> f)
              .toList(),
          List.of(
              Field.required(
                  "differences",
                  "array",
                  "after noise: path, kind (added|removed|changed), sandbox, baseline"),
              Field.required("equal", "boolean", "whether no difference is left"),
              Field.required("ignored", "integer", "how many differences ignore removed"),
              Field.required(
                  "sandbox",
                  "object",
                  "the sandbox's status, body and servedBy (for gRPC: the status's name and the"
                      + " response)"),
              Field.required(
                  "baseline",
                  "object",
                  "the baseline's status, body and servedBy (for gRPC: the status's name and the"
                      + " response)")),
          """
          - id: price_changed
            action: diff
            with:
              service: pricing
              path: /quote?sku=${{ inputs.sku }}
              ignore: [ $.quotedAt, $.items[*].requestId ]
              ignoreRegex: [ "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" ]
              expectDifferent: [ $.price ]
          """);

  /** The fields {@code with:} may hold: exactly the descriptor's inputs. */
  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  private final ServiceClient client;
  private final GrpcClient grpc;

  /** An action that redacts the default secret headers. */
  public DiffAction() {
    this(Redaction.DEFAULT);
  }

  public DiffAction(Redaction redaction) {
    this.client = new ServiceClient(requireNonNull(redaction, "redaction"));
    this.grpc = new GrpcClient(redaction, HostResolver.SYSTEM);
  }

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    if (context.sandbox().isEmpty()) {
      throw new ActionInputException(
          "step '"
              + context.stepId()
              + "': diff needs --sandbox: it compares a sandbox's answer with the baseline's, and"
              + " this run targets the baseline (run the skill with --sandbox NAME)");
    }
    boolean grpcCall = GrpcCall.names(input);
    for (String field :
        grpcCall
            ? List.of("path", "query", "headers", "body")
            : List.of("request", "metadata", "descriptors")) {
      if (input.has(field)) {
        throw input.error(
            field,
            grpcCall
                ? "not for a gRPC call (give the message as request:, metadata as metadata:)"
                : "only for a gRPC call (method: package.Service/Method)");
      }
    }
    HttpCall call = grpcCall ? null : HttpCall.read(input, context.runtime());
    GrpcCall grpcRead = grpcCall ? GrpcCall.read(input, context.runtime(), false) : null;
    List<JsonPath> ignore = paths(input, "ignore");
    List<JsonPath> allow = paths(input, "allow");
    List<JsonPath> expectDifferent = paths(input, "expectDifferent");
    Noise noise = new Noise(regexes(input));

    Answer sandbox;
    Answer baseline;
    if (grpcCall) {
      // the sandbox's descriptors: a method only the fork has is found, and the baseline's
      // answer to it (UNIMPLEMENTED) is a difference
      try (PreparedCall prepared = grpc.prepare(grpcRead, input, true, context)) {
        sandbox = Answer.of(grpc.send(prepared, true, "sandbox", context));
        baseline = Answer.of(grpc.send(prepared, false, "baseline", context));
      }
    } else {
      sandbox = Answer.of(client.send(call, true, "sandbox", context));
      baseline = Answer.of(client.send(call, false, "baseline", context));
    }

    List<Difference> all = new ArrayList<>();
    if (!sandbox.status().equals(baseline.status())) {
      all.add(new Difference("status", null, "changed", sandbox.status(), baseline.status()));
    }
    if (sandbox.json() && baseline.json()) {
      for (Difference d :
          JsonDiff.compare(noise.apply(sandbox.body()), noise.apply(baseline.body()))) {
        all.add(
            new Difference(
                d.path(),
                d.segments(),
                d.kind(),
                d.sandbox() == null ? null : JsonPath.valueAt(sandbox.body(), d.segments()),
                d.baseline() == null ? null : JsonPath.valueAt(baseline.body(), d.segments())));
      }
    } else {
      all.addAll(TextDiff.compare(sandbox.bodyText(), baseline.bodyText(), noise));
    }
    List<Difference> differences =
        all.stream().filter(d -> ignore.stream().noneMatch(p -> p.covers(d))).toList();

    ActionResult.Builder result =
        ActionResult.builder()
            .exchange(sandbox.exchange())
            .exchange(baseline.exchange())
            .output("differences", differences.stream().<Object>map(Difference::toValue).toList())
            .output("equal", differences.isEmpty())
            .output("ignored", (long) (all.size() - differences.size()))
            .output("sandbox", sandbox.side())
            .output("baseline", baseline.side());
    List<JsonPath> permitted = new ArrayList<>(allow);
    permitted.addAll(expectDifferent);
    boolean failed = false;
    for (Difference d : differences) {
      if (permitted.stream().noneMatch(p -> p.covers(d))) {
        failed = true;
        result.assertion(
            Assertion.failed(
                d.path(),
                d.kind()
                    + " (sandbox: "
                    + Values.text(d.sandbox())
                    + ", baseline: "
                    + Values.text(d.baseline())
                    + ")"
                    + (permitted.isEmpty() ? "" : "; not in allow or expectDifferent"),
                d.baseline(),
                d.sandbox()));
      }
    }
    for (JsonPath p : expectDifferent) {
      if (differences.stream().noneMatch(p::overlaps)) {
        failed = true;
        result.assertion(
            Assertion.failed(
                p.source(),
                "expected to differ, but the sandbox and the baseline agree (is the change"
                    + " deployed in the fork, and does the request exercise it?)",
                "different",
                "equal"));
      } else {
        result.assertion(Assertion.passed(p.source(), "differs, as expected"));
      }
    }
    if (!failed) {
      result
          .assertion(Assertion.passed("diff", "no difference outside the declared ones"))
          .message(
              differences.isEmpty()
                  ? "sandbox and baseline agree"
                  : differences.size()
                      + " expected difference(s): "
                      + String.join(", ", differences.stream().map(Difference::path).toList()));
    }
    return result.build();
  }

  private static List<JsonPath> paths(ActionInput input, String field) {
    List<JsonPath> out = new ArrayList<>();
    for (String source : input.strings(field)) {
      try {
        out.add(JsonPath.parse(source));
      } catch (IllegalArgumentException e) {
        throw input.error(field, e.getMessage());
      }
    }
    return out;
  }

  private static List<Pattern> regexes(ActionInput input) {
    List<Pattern> out = new ArrayList<>();
    for (String source : input.strings("ignoreRegex")) {
      try {
        out.add(Pattern.compile(source));
      } catch (PatternSyntaxException e) {
        throw input.error(
            "ignoreRegex",
            "'" + source + "' is not a valid regular expression: " + e.getDescription());
      }
    }
    return out;
  }
}
