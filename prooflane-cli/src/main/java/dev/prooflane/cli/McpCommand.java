package dev.prooflane.cli;

import dev.prooflane.mcp.McpMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves the MCP tools on stdio, for coding agents: {@code claude mcp add prooflane -- prooflane
 * mcp}.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the Prooflane MCP tools on stdin/stdout (JSON-RPC, one message per line).",
      "Register it with an agent, such as: claude mcp add prooflane -- prooflane mcp",
      "Talks to the running daemon (--state-dir, $PROOFLANE_HOME or ./.prooflane, or --api-url);"
          + " the daemon also serves the same tools over Streamable HTTP at"
          + " http://127.0.0.1:7474/mcp.",
      "Logs go to stderr only."
    })
final class McpCommand implements Callable<Integer> {
  @Mixin StateMixin state;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description =
          "The daemon's API, such as http://127.0.0.1:7474/api/v1 (instead of --state-dir).")
  String apiUrl;

  @Override
  public Integer call() throws Exception {
    McpMain.serveStdio(McpMain.locator(state.stateDir(), apiUrl, state.token));
    return ExitCode.OK;
  }
}
