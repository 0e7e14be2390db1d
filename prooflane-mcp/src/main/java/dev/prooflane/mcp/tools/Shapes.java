package dev.prooflane.mcp.tools;

/** Schemas that several tools share: a fork to create, and the sandbox and run they answer. */
final class Shapes {
  private Shapes() {}

  static Schema forks() {
    Schema fork =
        Schema.object()
            .required("service", Schema.name("the service to fork, by name (see list_services)"))
            .optional(
                "command",
                Schema.text(
                    "the changed command, split like a shell; ${artifact} stands for the artifact"
                        + " (default: the baseline's command)"))
            .optional(
                "args",
                Schema.array("arguments appended to the command", Schema.text("an argument")))
            .optional(
                "artifact",
                Schema.text("path of the changed build (jar, binary) that ${artifact} stands for"))
            .optional(
                "env",
                Schema.mapOf("environment variables to set in the fork", Schema.text("the value")))
            .optional(
                "envRemove",
                Schema.array("environment variables to remove", Schema.name("a variable name")));
    return Schema.array(
        "the changed services: one fork per service; every other service stays the shared baseline",
        fork);
  }

  static Schema ttl() {
    return Schema.name(
            "delete the sandbox after this long, such as 30s, 10m, 2h, 1h30m (default: 30m)")
        .defaultValue("30m");
  }

  static Schema sandbox() {
    return Schema.open("a sandbox")
        .optional("name", Schema.string("its name"))
        .optional("routingKey", Schema.string("the key that routes requests into it"))
        .optional("phase", Schema.string("STARTING, READY, DEGRADED, FAILED or DELETING"))
        .optional("message", Schema.string("why it is not READY (absent or empty when it is)"))
        .optional("expiresAt", Schema.string("when its TTL runs out (absent: never)"))
        .optional("forks", Schema.array("its forks", Schema.open("a fork")));
  }

  static Schema run() {
    return Schema.open("a skill run")
        .optional("id", Schema.string("the run id (for get_run)"))
        .optional("state", Schema.string("RUNNING, DONE, CANCELLED or FAILED"))
        .optional("skill", Schema.string("the skill's name"))
        .optional("sandbox", Schema.string("the sandbox (absent for the baseline)"))
        .optional(
            "verdict",
            Schema.string("PASS, FAIL, ERROR or INCONCLUSIVE once it has ended (absent before)"))
        .optional("message", Schema.string("why, in one line"))
        .optional(
            "steps", Schema.array("per step: id, action, verdict, message", Schema.open(null)))
        .optional(
            "reports",
            Schema.open(
                "report files by kind: json (the signed DSSE envelope), statement (its readable copy), key (the signer's public key), markdown, junit, html"))
        .optional(
            "failures",
            Schema.array("every failing assertion: step, path, message", Schema.open("a failure")))
        .optional(
            "notExercised",
            Schema.array(
                "forked services that received no keyed request (verdict INCONCLUSIVE)",
                Schema.string("a service")))
        .optional("next", Schema.string("what to do next"));
  }
}
