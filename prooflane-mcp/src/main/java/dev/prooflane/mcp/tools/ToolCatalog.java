package dev.prooflane.mcp.tools;

import java.util.ArrayList;
import java.util.List;

/** Every Prooflane MCP tool, in the order clients list them. Names are stable. */
public final class ToolCatalog {
  private ToolCatalog() {}

  public static List<Tool> all() {
    List<Tool> tools = new ArrayList<>();
    tools.add(ObserveTools.listServices());
    tools.addAll(SandboxTools.all());
    tools.addAll(SkillTools.all());
    tools.addAll(ActionTools.all());
    tools.add(ObserveTools.getLogs());
    tools.add(ObserveTools.getHops());
    tools.add(ProbeTool.probe());
    tools.add(ValidateTool.validate());
    tools.add(ValidateTool.getValidation());
    return List.copyOf(tools);
  }

  /** The tool names. */
  public static List<String> names() {
    return all().stream().map(Tool::name).toList();
  }
}
