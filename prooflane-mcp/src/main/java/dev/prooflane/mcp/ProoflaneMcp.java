package dev.prooflane.mcp;

import dev.prooflane.mcp.protocol.McpServer;
import dev.prooflane.mcp.tools.ToolCatalog;

/** What both transports share: the server's name, its instructions, its tools. */
final class ProoflaneMcp {
  static final String NAME = "prooflane";
  static final String VERSION = "0.1.0";

  /** Sent to clients at initialization; agents read it before the tool list. */
  static final String INSTRUCTIONS =
      """
      Prooflane validates a change to one microservice against a shared baseline. Loop: \
      create_sandbox with the changed service's command or artifact (or validate, which does \
      create, run and delete in one call), run_skill with the skills whose 'when to use' fits \
      (list_skills), read the verdict. PASS comes with a signed report.json: attach it. FAIL \
      lists the failing assertions: read get_logs, fix, retry. INCONCLUSIVE means the change was \
      not exercised (the routing key was dropped on the way, see get_hops; probe shows where \
      and what to do): never report it as a success. Never claim success without a PASS \
      report; never write to the baseline; delete_sandbox the sandboxes you created. validate \
      and run_skill take seconds to minutes: they report progress when the request carries a \
      progressToken, and with wait: false they answer at once with an id to follow with \
      get_validation or get_run.""";

  private ProoflaneMcp() {}

  /** A server of every Prooflane tool. */
  static McpServer server() {
    return new McpServer(NAME, VERSION, INSTRUCTIONS, ToolCatalog.all());
  }
}
