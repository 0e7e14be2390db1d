package dev.prooflane.mcp;

import dev.prooflane.mcp.internal.SdkTools;
import dev.prooflane.mcp.tools.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/** What both transports share: the server's name, its instructions, its capabilities. */
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
      not exercised (the routing key was dropped on the way, see get_hops): never report it as a \
      success. Never claim success without a PASS report; never write to the baseline; \
      delete_sandbox the sandboxes you created.""";

  private ProoflaneMcp() {}

  static McpJsonMapper mapper() {
    return McpJsonDefaults.getMapper();
  }

  static McpSchema.ServerCapabilities capabilities() {
    return McpSchema.ServerCapabilities.builder().tools(false).build();
  }

  static java.util.List<io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification>
      sessionTools(DaemonLocator locator) {
    return SdkTools.session(ToolCatalog.all(), locator);
  }
}
