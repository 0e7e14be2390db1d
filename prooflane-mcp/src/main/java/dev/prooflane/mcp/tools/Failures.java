package dev.prooflane.mcp.tools;

import dev.prooflane.mcp.DaemonLocator;
import dev.prooflane.server.client.DaemonClientException;

/** Turns a daemon error into a tool result whose message says what to do next. */
final class Failures {
  private Failures() {}

  static ToolResult of(String tool, DaemonClientException e) {
    String message = e.getMessage();
    if (e.status() == 400 && inSkillFiles(message)) {
      return ToolResult.failure(
          "invalid_skills",
          "the skill files have errors (they are read on every call; fix them, or ask who owns"
              + " them):\n"
              + message);
    }
    return switch (e.status()) {
      case 0 ->
          ToolResult.failure(
              "no_daemon",
              "the Prooflane daemon does not answer ("
                  + message
                  + "). Start it with: "
                  + DaemonLocator.START
                  + ", then call "
                  + tool
                  + " again.");
      case 400 ->
          ToolResult.failure(
              "invalid_input",
              tool + ": " + message + "\nFix the fields named above and call " + tool + " again.");
      case 401 ->
          ToolResult.failure(
              "unauthorized",
              message
                  + ". Give the MCP server a valid token (--token or $PROOFLANE_TOKEN; by default"
                  + " it reads admin.token from the daemon's state folder).");
      case 403 ->
          ToolResult.failure(
              "forbidden",
              message
                  + ". Ask the daemon's owner for a token with that scope (prooflane token create);"
                  + " retrying "
                  + tool
                  + " with this token will not help.");
      case 404 -> ToolResult.failure("not_found", message + ". " + notFoundHint(tool, message));
      case 409 ->
          ToolResult.failure(
              "conflict",
              message
                  + ". Pick another name or key, or wait until the sandbox is READY (get_sandbox)"
                  + " and retry.");
      case 413, 414 ->
          ToolResult.failure(
              "too_large",
              tool
                  + ": the request to the daemon is too large (HTTP "
                  + e.status()
                  + ": it takes bodies of at most 1 MiB and URLs of at most 4096 bytes); shorten"
                  + " the longest argument, or pass large content as a file path.");
      case 422 ->
          ToolResult.failure(
              "sandbox_failed",
              message
                  + "\nNothing was left running. Read the fork's output with get_logs (service,"
                  + " sandbox), fix the command, artifact or env, then call "
                  + tool
                  + " again.");
      case 429 ->
          ToolResult.failure(
              "limited",
              message
                  + ". Wait for a run or sandbox of yours to end, then call "
                  + tool
                  + " again.");
      default ->
          ToolResult.failure(
              e.code(),
              "the daemon could not do it: "
                  + (message == null || message.isBlank() ? "no reason given" : message)
                  + " (HTTP "
                  + e.status()
                  + "; its log is daemon.log in the state folder)");
    };
  }

  /** A 400 about files on disk (skills), not about the request the agent sent. */
  private static boolean inSkillFiles(String message) {
    return !message.contains("<request body>")
        && !message.contains("<sandbox ")
        && (message.contains(".yaml:") || message.contains(".yml:"));
  }

  private static String notFoundHint(String tool, String message) {
    if (message.startsWith("sandbox")) {
      return "Call list_sandboxes to see the sandboxes, or create_sandbox to make one.";
    }
    if (message.startsWith("skill")) {
      return "Call list_skills to see the skills and when to use each.";
    }
    if (message.startsWith("action")) {
      return "Call list_actions to see the actions.";
    }
    if (message.startsWith("run")) {
      return "Run ids come from run_skill or validate.";
    }
    if (message.startsWith("validation")) {
      return "Validation ids come from validate with wait: false.";
    }
    if (message.startsWith("service") || message.startsWith("fork")) {
      return "Call list_services to see the services (and get_sandbox for a sandbox's forks).";
    }
    return "Check the names given to " + tool + ".";
  }
}
