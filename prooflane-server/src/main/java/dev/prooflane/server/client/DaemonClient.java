package dev.prooflane.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.probe.ProbeResult;
import dev.prooflane.local.EnvironmentChange;
import dev.prooflane.local.ServiceRestart;
import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.json.ActionRunRequest;
import dev.prooflane.server.json.CancelRequest;
import dev.prooflane.server.json.ConsumptionRequest;
import dev.prooflane.server.json.EnvironmentRequest;
import dev.prooflane.server.json.KafkaRoutes;
import dev.prooflane.server.json.ProbeRequest;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SandboxList;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.SkillRunRequest;
import dev.prooflane.server.json.StatusView;
import dev.prooflane.server.json.TokenRequest;
import dev.prooflane.server.json.ValidationRequest;
import dev.prooflane.server.json.ValidationView;
import dev.prooflane.server.runs.Validations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client of the daemon's REST API under {@code /api/v1}, sending a bearer token: one method per
 * endpoint, requests written from records, answers read as the views the daemon writes (or as JSON
 * where no view type exists). Errors are {@link DaemonClientException}s.
 */
public final class DaemonClient {
  private final Transport transport;

  /** A client without a token, of the API at {@code base}; the daemon answers it 401. */
  public DaemonClient(String base) {
    this(base, null);
  }

  /**
   * A client of the API at {@code base}, such as {@code http://127.0.0.1:7474/api/v1}, sending
   * {@code token} (none when null).
   */
  public DaemonClient(String base, String token) {
    this(new Transport(base, token));
  }

  private DaemonClient(Transport transport) {
    this.transport = transport;
  }

  /** This client (and its connections) with {@code token} instead of its own. */
  public DaemonClient withToken(String token) {
    return Objects.equals(token, transport.token())
        ? this
        : new DaemonClient(new Transport(transport.base(), token));
  }

  /** The API base this client calls. */
  public String base() {
    return transport.base();
  }

  /** {@code GET /status}: the daemon, its environment, key names, services and sandboxes. */
  public StatusView status() {
    return transport.read(transport.get(ApiPath.STATUS.with()), StatusView.class);
  }

  /** {@code GET /services}: {@code {"services": [...]}}, the baseline services. */
  public JsonNode services() {
    return transport.get(ApiPath.SERVICES.with());
  }

  /**
   * {@code GET /services/{service}/logs}: the last {@code tail} lines of the service's baseline
   * instance, or of its fork in {@code sandbox} when not null.
   */
  public JsonNode logs(String service, String sandbox, long tail) {
    return transport.get(
        query(ApiPath.SERVICE_LOGS.with(service), "tail", tail, "sandbox", sandbox));
  }

  /**
   * {@code POST /services/{service}/restart}: answers once a new instance serves the service and
   * the old one stopped (needs {@code policy:admin}).
   */
  public ServiceRestart restartService(String service) {
    return transport.read(
        transport.post(ApiPath.SERVICE_RESTART.with(service), Map.of()), ServiceRestart.class);
  }

  /** As {@link #restartService(String)}, passing each progress line to {@code progress}. */
  public ServiceRestart restartService(String service, Consumer<String> progress) {
    JsonNode last =
        transport.postStreaming(ApiPath.SERVICE_RESTART.with(service), Map.of(), progress);
    return transport.read(last.path("restart"), ServiceRestart.class);
  }

  /**
   * {@code POST /environment/apply}: the daemon reads the environment file and applies it to the
   * running environment; answers with what changed (needs {@code policy:admin}).
   */
  public EnvironmentChange applyEnvironment(EnvironmentRequest request) {
    return transport.read(
        transport.post(ApiPath.ENVIRONMENT_APPLY.with(), request), EnvironmentChange.class);
  }

  /** As {@link #applyEnvironment(EnvironmentRequest)}, passing each progress line on. */
  public EnvironmentChange applyEnvironment(EnvironmentRequest request, Consumer<String> progress) {
    JsonNode last = transport.postStreaming(ApiPath.ENVIRONMENT_APPLY.with(), request, progress);
    return transport.read(last.path("change"), EnvironmentChange.class);
  }

  /** {@code GET /hops}: {@code {"key": ..., "hops": [...]}}, the router's hop log. */
  public JsonNode hops(HopQuery hops) {
    return transport.get(
        query(
            ApiPath.HOPS.with(),
            "limit",
            hops.limit(),
            "key",
            hops.key(),
            "sandbox",
            hops.sandbox()));
  }

  /**
   * {@code GET /kafka/routes}: the sandboxes whose routes are in force, with the state of each
   * fork. With {@code version} (the one last answered), waits up to {@code wait} seconds (0 to 60;
   * null: the daemon's 30) for them to change, and answers them as they are then.
   */
  public KafkaRoutes kafkaRoutes(Long version, Integer wait) {
    return transport.read(
        transport.get(query(ApiPath.KAFKA_ROUTES.with(), "version", version, "wait", wait)),
        KafkaRoutes.class);
  }

  /**
   * {@code POST /kafka/consumptions}: records that one consumer instance received {@code
   * request.records()} (at most 1,000), each as a consumption hop (needs {@code hops:write}).
   */
  public void consumptions(ConsumptionRequest request) {
    transport.post(ApiPath.KAFKA_CONSUMPTIONS.with(), request);
  }

  /**
   * {@code POST /probe}: sends one request with a throwaway key to the service and answers, once
   * its hops are recorded, where the key and the trace travelled and where they stopped.
   */
  public ProbeResult probe(ProbeRequest request) {
    return transport.read(transport.post(ApiPath.PROBE.with(), request), ProbeResult.class);
  }

  /** {@code GET /sandboxes}: every sandbox. */
  public SandboxList sandboxes() {
    return transport.read(transport.get(ApiPath.SANDBOXES.with()), SandboxList.class);
  }

  /** {@code GET /sandboxes/{name}}. */
  public SandboxView sandbox(String name) {
    return transport.read(transport.get(ApiPath.SANDBOX.with(name)), SandboxView.class);
  }

  /** {@code POST /sandboxes}: answers once the sandbox is ready (or failed). */
  public SandboxView createSandbox(SandboxRequest request) {
    return transport.read(transport.post(ApiPath.SANDBOXES.with(), request), SandboxView.class);
  }

  /** As {@link #createSandbox(SandboxRequest)}, passing each progress line to {@code progress}. */
  public SandboxView createSandbox(SandboxRequest request, Consumer<String> progress) {
    JsonNode last = transport.postStreaming(ApiPath.SANDBOXES.with(), request, progress);
    return transport.read(last.path("sandbox"), SandboxView.class);
  }

  /** {@code DELETE /sandboxes/{name}}: {@code {"deleted": name}}. */
  public JsonNode deleteSandbox(String name) {
    return transport.delete(ApiPath.SANDBOX.with(name));
  }

  /** {@code GET /skills}: {@code {"skills": [...]}}, the skill catalog. */
  public JsonNode skills() {
    return transport.get(ApiPath.SKILLS.with());
  }

  /** {@code GET /skills/{name}}: one skill with its steps. */
  public JsonNode skill(String name) {
    return transport.get(ApiPath.SKILL.with(name));
  }

  /** {@code GET /actions}: {@code {"actions": [...]}}, the action catalog. */
  public JsonNode actions() {
    return transport.get(ApiPath.ACTIONS.with());
  }

  /** {@code GET /actions/{name}}: one action's inputs, outputs and example. */
  public JsonNode action(String name) {
    return transport.get(ApiPath.ACTION.with(name));
  }

  /**
   * {@code POST /actions/{name}/run}: runs {@code action} on its own; answers {@code {"run": ...,
   * "step": ...}} once done.
   */
  public JsonNode runAction(String action, ActionRunRequest request) {
    return transport.post(ApiPath.ACTION_RUN.with(action), request);
  }

  /** {@code POST /runs?wait=true}: runs a skill and answers once it is done. */
  public RunView runSkill(SkillRunRequest request) {
    return transport.read(
        transport.post(query(ApiPath.RUNS.with(), "wait", true), request), RunView.class);
  }

  /** As {@link #runSkill(SkillRunRequest)}, passing each progress line to {@code progress}. */
  public RunView runSkill(SkillRunRequest request, Consumer<String> progress) {
    return runSkill(request, ProgressListener.of(progress));
  }

  /**
   * As {@link #runSkill(SkillRunRequest)}, telling {@code listener} the run's id once it started
   * (for {@link #cancelRun}), then each progress line.
   */
  public RunView runSkill(SkillRunRequest request, ProgressListener listener) {
    JsonNode last = transport.postStreaming(ApiPath.RUNS.with(), request, listener);
    return transport.read(last.path("run"), RunView.class);
  }

  /** {@code POST /runs}: starts a skill run and answers at once, RUNNING (follow it with run). */
  public RunView startRun(SkillRunRequest request) {
    return transport.read(transport.post(ApiPath.RUNS.with(), request), RunView.class);
  }

  /**
   * {@code POST /runs/{id}/cancel}: stops the run (its step under way ends with ERROR) and answers
   * it once it has ended, CANCELLED (when {@code wait}; else at once, still RUNNING); {@code
   * reason} (or null) goes into its message and the audit log.
   */
  public RunView cancelRun(String id, String reason, boolean wait) {
    return transport.read(
        transport.post(query(ApiPath.RUN_CANCEL.with(id), "wait", wait), new CancelRequest(reason)),
        RunView.class);
  }

  /** {@code GET /runs/{id}}. */
  public RunView run(String id) {
    return transport.read(transport.get(ApiPath.RUN.with(id)), RunView.class);
  }

  /**
   * {@code GET /runs/{id}/reports/{file}}: a report of a finished run ({@code report.json}, {@code
   * report.md}, {@code junit.xml} or {@code report.html}) as the daemon wrote it.
   */
  public String report(String runId, String file) {
    return transport.getText(ApiPath.RUN_REPORT.with(runId, file));
  }

  /** {@code POST /validations}: the whole loop; answers once the sandbox is deleted (or kept). */
  public Validations.Outcome validate(ValidationRequest request) {
    return transport.read(
        transport.post(ApiPath.VALIDATIONS.with(), request), Validations.Outcome.class);
  }

  /** As {@link #validate(ValidationRequest)}, passing each progress line to {@code progress}. */
  public Validations.Outcome validate(ValidationRequest request, Consumer<String> progress) {
    return validate(request, ProgressListener.of(progress));
  }

  /**
   * As {@link #validate(ValidationRequest)}, telling {@code listener} the validation's id once it
   * started (for {@link #cancelValidation}), then each progress line.
   */
  public Validations.Outcome validate(ValidationRequest request, ProgressListener listener) {
    JsonNode last = transport.postStreaming(ApiPath.VALIDATIONS.with(), request, listener);
    return transport.read(last.path("validation"), Validations.Outcome.class);
  }

  /**
   * {@code POST /validations?wait=false}: starts the whole loop and answers at once, RUNNING, with
   * its id and sandbox name (follow it with {@link #validation}).
   */
  public ValidationView startValidation(ValidationRequest request) {
    return transport.read(
        transport.post(query(ApiPath.VALIDATIONS.with(), "wait", false), request),
        ValidationView.class);
  }

  /** {@code GET /validations}: {@code {"validations": [...]}}, oldest first. */
  public JsonNode validations() {
    return transport.get(ApiPath.VALIDATIONS.with());
  }

  /** {@code GET /validations/{id}}: its state, runs so far and, once ended, its verdict. */
  public ValidationView validation(String id) {
    return transport.read(transport.get(ApiPath.VALIDATION.with(id)), ValidationView.class);
  }

  /**
   * {@code POST /validations/{id}/cancel}: no further skill starts, the run under way is cancelled
   * and the sandbox deleted; answers the validation once it has ended, CANCELLED (when {@code
   * wait}; else at once). {@code reason} (or null) goes into its message and the audit log.
   */
  public ValidationView cancelValidation(String id, String reason, boolean wait) {
    return transport.read(
        transport.post(
            query(ApiPath.VALIDATION_CANCEL.with(id), "wait", wait), new CancelRequest(reason)),
        ValidationView.class);
  }

  /** {@code POST /tokens}: the new token, with its secret under {@code token} (shown once). */
  public JsonNode createToken(TokenRequest request) {
    return transport.post(ApiPath.TOKENS.with(), request);
  }

  /** {@code GET /tokens}: {@code {"tokens": [...]}}, never the secrets. */
  public JsonNode tokens() {
    return transport.get(ApiPath.TOKENS.with());
  }

  /** {@code DELETE /tokens/{id}}: the revoked token. */
  public JsonNode revokeToken(String id) {
    return transport.delete(ApiPath.TOKEN.with(id));
  }

  /** {@code GET /whoami}: the token this client authenticates with (id, name, scopes). */
  public JsonNode whoami() {
    return transport.get(ApiPath.WHOAMI.with());
  }

  /**
   * {@code POST /login-links}: a one-time URL that opens the dashboard as this client's token (the
   * token itself stays out of the URL).
   */
  public String loginLink() {
    return transport.post(ApiPath.LOGIN_LINKS.with(), Map.of()).path("url").asText();
  }

  /** {@code POST /shutdown}: the daemon stops soon after it answers. */
  public void shutdown() {
    transport.post(ApiPath.SHUTDOWN.with(), Map.of());
  }

  /** {@code path} with the query parameters of {@code pairs} (name, value, ...) that are set. */
  private static String query(String path, Object... pairs) {
    StringBuilder out = new StringBuilder(path);
    char separator = '?';
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.append(separator)
            .append(pairs[i])
            .append('=')
            .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return out.toString();
  }
}
