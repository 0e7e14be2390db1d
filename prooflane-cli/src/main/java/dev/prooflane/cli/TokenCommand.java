package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.TokenRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates, lists and revokes API tokens (needs a token with scope policy:admin). */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Create, list and revoke API tokens (needs scope policy:admin, such as the admin token).",
      "Scopes: sandbox:read, sandbox:write, sandbox:exec (forks may run their own command),",
      "skill:run, hops:write (report message consumptions), policy:admin (all)."
    },
    subcommands = {
      TokenCommand.CreateCommand.class,
      TokenCommand.ListCommand.class,
      TokenCommand.RevokeCommand.class
    })
final class TokenCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token and print its secret (shown this once only).")
  static final class CreateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Parameters(
        paramLabel = "NAME",
        description = "What the token is for, such as ci (lowercase letters, digits, '-').")
    String name;

    @Option(
        names = "--scope",
        required = true,
        arity = "1..*",
        paramLabel = "SCOPE",
        description =
            "sandbox:read, sandbox:write, sandbox:exec, skill:run, hops:write or policy:admin"
                + " (repeatable).")
    List<String> scopes;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "Stop authenticating after this long, such as 8h or 30d (default: never).")
    String expiresIn;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      JsonNode token = state.client().createToken(new TokenRequest(name, scopes, expiresIn));
      if (output.json) {
        out.println(Json.pretty(token));
      } else {
        out.println(token.path("token").asText());
        err.println(
            "prooflane: token "
                + token.path("id").asText()
                + " ("
                + name
                + ") created; copy it now, it is not shown again");
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List tokens (ids, names, scopes; never the secrets).")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode list = state.client().tokens();
      if (output.json) {
        out.println(Json.pretty(list));
        return ExitCode.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "NAME", "SCOPES", "CREATED", "EXPIRES", "STATE"));
      for (JsonNode t : list.path("tokens")) {
        List<String> scopes = new ArrayList<>();
        t.path("scopes").forEach(s -> scopes.add(s.asText()));
        rows.add(
            List.of(
                t.path("id").asText(),
                t.path("name").asText(),
                String.join(",", scopes),
                t.path("createdAt").asText(),
                t.path("expiresAt").isNull() ? "never" : t.path("expiresAt").asText(),
                t.path("revoked").asBoolean()
                    ? "revoked"
                    : t.path("live").asBoolean() ? "live" : "expired"));
      }
      out.print(Console.table(rows));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token: it authenticates nothing from now on.")
  static final class RevokeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;

    @Parameters(paramLabel = "ID", description = "The token's id (see: prooflane token list).")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      state.client().revokeToken(id);
      out.println("token " + id + " revoked");
      return ExitCode.OK;
    }
  }
}
