package dev.prooflane.mcp.tools;

import dev.prooflane.model.ProoflaneException;

/** A tool call that cannot succeed; its message tells the agent what to do next. */
final class ToolFailure extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String code;

  ToolFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }
}
