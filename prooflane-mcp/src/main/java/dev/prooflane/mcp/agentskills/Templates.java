package dev.prooflane.mcp.agentskills;

/** The fixed texts of the export. */
final class Templates {
  private Templates() {}

  static final String VALIDATE =
      """
      ---
      name: prooflane-validate
      description: "Validate a change to a microservice with Prooflane before saying it works: \
      fork only the changed service into a sandbox next to the shared baseline, run the matching \
      skills, read the verdict, and present the signed PASS report. Use after changing a service \
      in a repository that has a prooflane.yaml."
      ---

      # Validate a change with Prooflane

      A Prooflane sandbox runs only your changed service, as a fork next to a shared baseline of \
      everything else; only requests that carry the sandbox's routing key reach the fork. Use the \
      `prooflane` MCP tools. If a tool answers that no daemon runs, start one with \
      `prooflane up -f prooflane.yaml --detach` and call it again.

      ## The loop

      1. Build the change so that the fork can run it (a jar, a binary, or a changed command).
      2. `list_services` and `list_skills`: pick the service(s) you changed, and the skills whose \
      "when to use" fits your change (`describe_skill` shows inputs and steps).
      3. Validate, in one call: `validate` with `forks` (per service: `service`, the changed \
      `command` or `artifact`, `env`) and `skills`. Or step by step:
         - `create_sandbox` with the same `forks` and a `ttl` such as `30m`;
         - `run_skill` with `skill` and `sandbox`, once per chosen skill;
         - to explore: `run_action` (for example an `http` request into the sandbox, key \
      injected), `get_logs` of the fork, `get_hops` (which code served the key's requests).
      4. Read the verdict:
         - **PASS**: every check held and keyed traffic reached your fork. The result names a \
      signed `report.json`: attach it, with the verdict line, to your pull request.
         - **FAIL**: `failures` lists each failing assertion (step, path, expected and actual). \
      Read the fork's `get_logs`, fix the code, rebuild, run again.
         - **INCONCLUSIVE**: nothing failed, but your change was **not exercised**: a service on \
      the path dropped the routing key, so the requests reached the baseline. Find where with \
      `probe` (the path hop by hop, the call site, what to do) or `get_hops`, fix the \
      propagation, run again. This is never a success.
         - **ERROR**: a step could not run (bad input, fork down): check `get_sandbox` and \
      `get_logs`.
      5. `delete_sandbox` every sandbox you created (`validate` deletes its own unless `keep`).

      ## Rules

      - Never claim that a change works without a PASS verdict and its signed `report.json`.
      - Never mutate the baseline: send writes only into your own sandbox, with its key \
      (`run_skill`, `run_action` and `validate` inject it for you).
      - Delete the sandboxes you created; leave other sandboxes alone.
      - A FAIL or INCONCLUSIVE is evidence about your change: fix the change, never the skill, \
      to make it pass.

      Without MCP, the CLI does the same: `prooflane validate --fork 'SERVICE=COMMAND' --skill \
      NAME`, `prooflane sandbox create`, `prooflane skill run NAME --sandbox SANDBOX`. Their exit \
      code is the verdict: 0 PASS, 1 FAIL, 5 INCONCLUSIVE, 6 ERROR; 2, 3 and 4 mean the command \
      itself could not run (bad input; no daemon or a bad state; a bug), not a verdict.
      """;

  static final String AGENTS =
      """
      ## Validating changes with Prooflane

      This repository validates changes with Prooflane: a sandbox forks only the service you \
      changed, next to a shared baseline, and skills check it and sign the result.

      - Start the environment once: `prooflane up -f prooflane.yaml --detach` (stop it with \
      `prooflane down`).
      - Tools: the `prooflane` MCP server (`prooflane mcp`); the loop is in the \
      `prooflane-validate` skill.
      - After changing a service, run `validate` (MCP) or \
      `prooflane validate --fork 'SERVICE=COMMAND' --skill NAME` (exit code 0 PASS, 1 FAIL, \
      5 INCONCLUSIVE, 6 ERROR; 2, 3, 4: the command could not run).
      - Done means a PASS verdict with its signed `report.json` attached to the pull request. \
      FAIL: fix and run again. INCONCLUSIVE: the change was not exercised (the routing key was \
      dropped; see `get_hops`): fix the propagation, and never report it as a success.
      - Never write to the baseline, only into your own sandbox; delete the sandboxes you create.
      """;
}
