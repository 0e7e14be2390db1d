package dev.prooflane.mcp.tools;

import static java.util.Objects.requireNonNull;

import dev.prooflane.mcp.DaemonLocator;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import dev.prooflane.server.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One MCP tool: its stable name, what it is for, its input and output schemas, how it may change
 * the system, and what it does.
 *
 * @param name the stable tool name
 * @param title a short human title
 * @param description what it does and when to call it, for the agent
 * @param input the arguments
 * @param output the shape of the structured result
 * @param effect read-only, writing, or destructive
 * @param handler the call, made against the daemon
 */
public record Tool(
    String name,
    String title,
    String description,
    Schema input,
    Schema output,
    Effect effect,
    LongHandler handler) {
  /** The most arguments one call takes, in bytes of JSON: what the daemon takes in one request. */
  public static final int MAX_ARGUMENTS = 1 << 20;

  public Tool {
    requireNonNull(name, "name");
    requireNonNull(title, "title");
    requireNonNull(description, "description");
    requireNonNull(input, "input");
    requireNonNull(output, "output");
    requireNonNull(effect, "effect");
    requireNonNull(handler, "handler");
  }

  /** A tool that answers at once: no progress to report, nothing to stop when cancelled. */
  Tool(
      String name,
      String title,
      String description,
      Schema input,
      Schema output,
      Effect effect,
      Handler handler) {
    this(name, title, description, input, output, effect, (a, d, c) -> handler.call(a, d));
  }

  /** How a tool may change the system, for the MCP tool annotations. */
  public enum Effect {
    /** Reads only: {@code readOnlyHint}. */
    READ,
    /** Creates or runs something: neither read-only nor destructive. */
    WRITE,
    /** Removes something: {@code destructiveHint} (and idempotent: removing twice is harmless). */
    DESTRUCTIVE
  }

  /** What a tool does with checked arguments and a client of the daemon. */
  @FunctionalInterface
  interface Handler {
    ToolResult call(Arguments args, DaemonClient daemon);
  }

  /** As {@link Handler}, for a long call that reports progress and stops when cancelled. */
  @FunctionalInterface
  public interface LongHandler {
    ToolResult call(Arguments args, DaemonClient daemon, CallControl control);
  }

  /** As {@link #call(Map, DaemonLocator, CallControl)}, followed by no one. */
  public ToolResult call(Map<String, Object> arguments, DaemonLocator locator) {
    return call(arguments, locator, CallControl.NONE);
  }

  /**
   * Checks {@code arguments}, finds the daemon and runs the tool; never throws: every failure is a
   * result with {@code error} set and a message that says what to do next.
   */
  public ToolResult call(
      Map<String, Object> arguments, DaemonLocator locator, CallControl control) {
    Map<String, Object> args = arguments == null ? Map.of() : arguments;
    int size = Json.write(args).getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_ARGUMENTS) {
      return ToolResult.failure(
          "invalid_input",
          name
              + ": the arguments are "
              + size
              + " bytes of JSON (expected: at most "
              + MAX_ARGUMENTS
              + ", what the daemon takes in one request); pass large content as a file path");
    }
    List<String> problems = input.problems(args);
    if (!problems.isEmpty()) {
      return ToolResult.failure(
          "invalid_input",
          name
              + ": "
              + String.join("; ", problems)
              + ". Fix the arguments and call "
              + name
              + " again (its input schema lists every field).");
    }
    try {
      DaemonClient client = locator.client();
      return handler.call(new Arguments(args), client, control);
    } catch (ToolFailure e) {
      return ToolResult.failure(e.code(), e.getMessage());
    } catch (DaemonClientException e) {
      return Failures.of(name, e);
    } catch (ProoflaneException e) {
      return ToolResult.failure("no_daemon", e.getMessage());
    } catch (RuntimeException e) {
      return ToolResult.failure(
          "internal",
          name
              + " failed unexpectedly ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); this is a bug in Prooflane, please report it");
    }
  }
}
