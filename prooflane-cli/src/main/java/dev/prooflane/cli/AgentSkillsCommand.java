package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.agentskills.AgentSkillsExport;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes Agent Skills (SKILL.md folders) and an AGENTS.md snippet for coding agents. */
@Command(
    name = "agent-skills",
    mixinStandardHelpOptions = true,
    description = "Agent Skills (SKILL.md) for coding agents.")
final class AgentSkillsCommand {
  @Spec CommandSpec spec;

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write Agent Skills for coding agents, and an AGENTS.md snippet, into DIR.",
        "DIR/prooflane-validate/SKILL.md holds the validation loop and its rules;"
            + " DIR/prooflane-skill-<name>/SKILL.md, one per catalog skill, is written when a"
            + " daemon runs; DIR/AGENTS.md is a snippet for repositories that use Prooflane.",
        "For Claude Code, DIR is .claude/skills (or ~/.claude/skills)."
      })
  int export(
      @Parameters(paramLabel = "DIR", description = "Where to write the skills.") Path dir,
      @Mixin StateMixin state)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<DaemonInfo> daemon = DaemonInfo.read(state.stateDir()).filter(DaemonInfo::alive);
    JsonNode skills = null;
    if (daemon.isPresent()) {
      try {
        skills = new DaemonClient(daemon.get().apiUrl(), state.token()).skills();
      } catch (DaemonClientException e) {
        err.println("prooflane: cannot read the skill catalog: " + e.getMessage());
      }
    } else {
      err.println(
          "prooflane: no daemon runs for "
              + state.stateDir()
              + ": writing the loop skill only (start one with: prooflane up --detach, then"
              + " export again for one skill per catalog skill)");
    }
    List<Path> files = AgentSkillsExport.write(dir, skills);
    files.forEach(f -> out.println("wrote " + f));
    return ExitCode.OK;
  }
}
