package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.prooflane.model.BranchRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One database branch of a {@link SandboxRequest}, as a sandbox file writes it (docs/databases.md).
 * Fields left null are not sent.
 *
 * @param mode {@code copy}, {@code schema} or {@code empty}
 * @param migrate the SQL files (a list), or {@code {command, env}}, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BranchJson(String mode, Object migrate) {
  public BranchJson {
    requireNonNull(mode, "mode");
  }

  /** The request for {@code branch}, as read from a sandbox file. */
  public static BranchJson of(BranchRequest branch) {
    Object migrate = null;
    if (!branch.migrateCommand().isEmpty()) {
      Map<String, Object> command = new LinkedHashMap<>();
      command.put("command", branch.migrateCommand());
      command.put("env", branch.migrateEnv());
      migrate = command;
    } else if (!branch.migrateFiles().isEmpty()) {
      migrate = branch.migrateFiles();
    }
    return new BranchJson(branch.mode().yamlName(), migrate);
  }
}
