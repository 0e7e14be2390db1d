package dev.prooflane.server.api;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.LocalRuntime;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.TokenStore;
import dev.prooflane.server.baseline.BaselineService;
import dev.prooflane.server.runs.Runs;
import dev.prooflane.server.runs.Validations;
import dev.prooflane.server.sandboxes.SandboxService;

/**
 * What the API serves, built once by the daemon: the API only maps requests onto these.
 *
 * @param runtime the environment, its services, logs and hops, read by the status endpoints
 * @param sandboxes creates, lists and deletes sandboxes
 * @param baseline restarts a baseline service, applies a changed environment file
 * @param runs skill and action runs, and the skill and action catalogs
 * @param validations the whole loop of a change
 * @param tokens the API tokens: who may call, and the token endpoints
 * @param governance the policy in force, whose redaction the served logs pass
 * @param shutdown stops the daemon when a client asks
 */
public record ApiServices(
    LocalRuntime runtime,
    SandboxService sandboxes,
    BaselineService baseline,
    Runs runs,
    Validations validations,
    TokenStore tokens,
    Governance governance,
    Runnable shutdown) {
  public ApiServices {
    requireNonNull(runtime, "runtime");
    requireNonNull(sandboxes, "sandboxes");
    requireNonNull(baseline, "baseline");
    requireNonNull(runs, "runs");
    requireNonNull(validations, "validations");
    requireNonNull(tokens, "tokens");
    requireNonNull(governance, "governance");
    requireNonNull(shutdown, "shutdown");
  }
}
