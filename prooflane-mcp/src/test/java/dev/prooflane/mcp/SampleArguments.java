package dev.prooflane.mcp;

/** Arguments each tool takes as valid, for calls whose outcome does not depend on them. */
final class SampleArguments {
  private SampleArguments() {}

  static String valid(String tool) {
    return switch (tool) {
      case "get_sandbox", "delete_sandbox" -> "{\"name\":\"pr-1\"}";
      case "describe_skill" -> "{\"name\":\"product-contract\"}";
      case "describe_action" -> "{\"name\":\"http\"}";
      case "run_skill" -> "{\"skill\":\"product-contract\",\"sandbox\":\"pr-1\"}";
      case "get_run", "get_validation" -> "{\"id\":\"0cea190e\"}";
      case "run_action" -> "{\"action\":\"check\",\"with\":{\"that\":true}}";
      case "get_logs" -> "{\"service\":\"pricing\"}";
      case "probe" -> "{\"service\":\"frontend\",\"path\":\"/products/1\"}";
      case "create_sandbox", "validate" -> "{\"forks\":[{\"service\":\"pricing\"}]}";
      default -> "{}";
    };
  }
}
