package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.expr.Values;
import io.vertx.core.http.HttpClientOptions;
import java.util.List;
import java.util.Set;

/**
 * {@code http}: a request to a service of the environment by name, through the router. When the run
 * targets a sandbox the routing key goes in every configured form, so the request reaches the fork
 * wherever the sandbox forked a service on its path. With {@code url:} instead, a request to an
 * external host that the policy's {@code http.allow} lists (never with the key).
 */
public final class HttpAction implements Action {
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "http",
          "Send an HTTP request to a service of the environment by name; the routing key is"
              + " injected when the run targets a sandbox.",
          java.util.stream.Stream.concat(
                  HttpCall.REQUEST_FIELDS.stream()
                      .map(
                          f ->
                              f.name().equals("service")
                                  ? Field.optional(
                                      "service",
                                      "string",
                                      "the service's name in the environment (or give url)")
                                  : f),
                  java.util.stream.Stream.of(
                      Field.optional(
                          "url",
                          "string",
                          "instead of service and path: an external http(s) URL; only hosts the"
                              + " policy's http.allow lists, never a private or metadata address;"
                              + " the routing key is not sent"),
                      Field.optional(
                          "followRedirects",
                          "boolean",
                          "with url: follow up to 5 redirects, each checked by the policy again;"
                              + " default true"),
                      Field.optional(
                          "expectStatus",
                          "any",
                          "a status or list of statuses; any other status FAILs the step"),
                      Field.optional(
                          "inject",
                          "boolean",
                          "false sends the request without the routing key; default true"),
                      Field.optional(
                          "label",
                          "string",
                          "names the exchange in the report; default sandbox/baseline")))
              .toList(),
          List.of(
              Field.required("status", "integer", "the response status"),
              Field.required("headers", "object", "response headers: lower-case name to value"),
              Field.required("body", "any", "the body parsed as JSON when it is JSON, else text"),
              Field.required("bodyText", "string", "the body as text (at most 1 MiB)"),
              Field.required("truncated", "boolean", "whether the body was cut at 1 MiB"),
              Field.required("durationMillis", "number", "time to the end of the body"),
              Field.required(
                  "hops",
                  "array",
                  "the router's hops for this request, in the order they arrived: service,"
                      + " destination (baseline or the sandbox that served it), status,"
                      + " routingKey"),
              Field.required(
                  "servedBy",
                  "string",
                  "baseline or the sandbox that served the addressed service (its first hop;"
                      + " later hops are in hops)"),
              Field.required("traceId", "string", "the W3C trace id the request carried"),
              Field.required("url", "string", "the URL the request was sent to")),
          """
          - id: quote
            action: http
            with:
              service: pricing
              method: POST
              path: /quote
              body: { sku: ${{ inputs.sku }}, quantity: 2 }
              expectStatus: 200
          """);

  /** The fields {@code with:} may hold: exactly the descriptor's inputs. */
  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  private final ServiceClient client;
  private final ExternalClient external;

  /** An action that redacts the default secret headers. */
  public HttpAction() {
    this(Redaction.DEFAULT);
  }

  public HttpAction(Redaction redaction) {
    this(redaction, HostResolver.SYSTEM);
  }

  /**
   * An action that resolves external hosts with {@code resolver}.
   *
   * @param redaction the headers redacted
   */
  public HttpAction(Redaction redaction, HostResolver resolver) {
    this(redaction, resolver, new HttpClientOptions());
  }

  HttpAction(Redaction redaction, HostResolver resolver, HttpClientOptions external) {
    this.client = new ServiceClient(requireNonNull(redaction, "redaction"));
    this.external = new ExternalClient(resolver, redaction, external);
  }

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    HttpOutcome outcome;
    String summary;
    if (input.has("url")) {
      if (input.has("inject")) {
        throw input.error(
            "inject", "cannot be given with url: (the routing key is never sent outside)");
      }
      UrlCall call = UrlCall.read(input);
      String label = input.optionalString("label").orElse("external");
      outcome = external.send(call, label, context);
      summary = call.method() + " " + outcome.exchange().url() + " -> " + outcome.status();
    } else if (!input.has("service")) {
      throw input.error(
          "service", "missing (give the service's name in the environment, or an external url)");
    } else {
      if (input.has("followRedirects")) {
        throw input.error(
            "followRedirects",
            "only with url: (the router passes a service's redirects on as they are)");
      }
      HttpCall call = HttpCall.read(input, context.runtime());
      boolean keyed = context.sandbox().isPresent() && input.bool("inject", true);
      String label = input.optionalString("label").orElse(keyed ? "sandbox" : "baseline");
      outcome = client.send(call, keyed, label, context);
      summary =
          call.method()
              + " "
              + call.service()
              + call.path()
              + " -> "
              + outcome.status()
              + HopPath.describe(
                  outcome.hops(), keyed ? context.sandbox().orElseThrow().name() : null);
    }
    List<Long> expected = expectedStatuses(input);
    ActionResult.Builder result =
        ActionResult.builder().outputs(outcome.outputs()).exchange(outcome.exchange());
    if (!expected.isEmpty()) {
      String want = expected.size() == 1 ? "status " + expected.get(0) : "a status in " + expected;
      if (expected.contains((long) outcome.status())) {
        result.assertion(Assertion.passed("status", "expected " + want));
      } else {
        result.assertion(
            Assertion.failed(
                "status",
                "expected " + want + ", got " + outcome.status() + ": " + snippet(outcome),
                expected.size() == 1 ? expected.get(0) : expected,
                (long) outcome.status()));
        return result.build();
      }
    }
    return result.message(summary).build();
  }

  private static List<Long> expectedStatuses(ActionInput input) {
    return input.list("expectStatus").stream()
        .map(
            v -> {
              if (v instanceof Long l && l >= 100 && l <= 599) {
                return l;
              }
              if (v instanceof Double d && d == Math.rint(d) && d >= 100 && d <= 599) {
                return d.longValue();
              }
              throw input.error(
                  "expectStatus", "expected a status from 100 to 599, got " + Values.text(v));
            })
        .toList();
  }

  private static String snippet(HttpOutcome outcome) {
    String text = outcome.bodyText().strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
