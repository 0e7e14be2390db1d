package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.prooflane.model.Fork;
import java.util.List;
import java.util.Map;

/**
 * One fork of a {@link SandboxRequest} or a {@link ValidationRequest}. Fields left null are not
 * sent.
 *
 * @param service the service to fork
 * @param command the changed command, or null for the baseline's
 * @param args arguments appended to the command, or null
 * @param env environment variables to set, or null
 * @param envRemove environment variables to remove, or null
 * @param artifact what {@code ${artifact}} stands for, or null for the baseline's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForkRequest(
    String service,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    List<String> envRemove,
    String artifact) {
  public ForkRequest {
    requireNonNull(service, "service");
  }

  /** The request for {@code fork}, as read from a sandbox file. */
  public static ForkRequest of(Fork fork) {
    return new ForkRequest(
        fork.service(),
        fork.command().orElse(null),
        fork.args(),
        fork.env(),
        fork.envRemove(),
        fork.artifact().orElse(null));
  }
}
