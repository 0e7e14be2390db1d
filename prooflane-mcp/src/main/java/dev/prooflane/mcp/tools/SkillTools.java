package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SkillRunRequest;
import java.util.ArrayList;
import java.util.List;

/** Tools for the skill catalog and skill runs. */
final class SkillTools {
  private SkillTools() {}

  static List<Tool> all() {
    return List.of(listSkills(), describeSkill(), runSkill(), getRun());
  }

  static Tool listSkills() {
    return new Tool(
        "list_skills",
        "List skills",
        "The skill catalog: what each skill checks, when to use it, and its inputs. Pick the"
            + " skills whose 'when to use' matches your change, then run_skill or validate.",
        Schema.object(),
        Schema.open("the skills")
            .required(
                "skills",
                Schema.array(
                    "per skill: name, version, description, whenToUse, labels, inputs, file,"
                        + " digest",
                    Schema.open("a skill"))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body = daemon.skills();
          List<String> lines = new ArrayList<>();
          body.path("skills").forEach(s -> lines.add("- " + skillLine(s)));
          return ToolResult.ok(
              body,
              lines.isEmpty()
                  ? "no skills in the catalog (add skill files to the environment's skills folder)"
                  : lines.size() + " skill(s):\n" + String.join("\n", lines));
        });
  }

  static Tool describeSkill() {
    return new Tool(
        "describe_skill",
        "Describe a skill",
        "One skill in full: description, when to use it, typed inputs with defaults, and its"
            + " steps (action per step).",
        Schema.object().required("name", Schema.name("the skill name (see list_skills)")),
        Schema.open("the skill")
            .optional("name", Schema.string("its name"))
            .optional("inputs", Schema.array("typed inputs", Schema.open(null)))
            .optional("steps", Schema.array("id, action, with, location", Schema.open(null))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode skill = daemon.skill(args.string("name"));
          StringBuilder text = new StringBuilder(skillLine(skill));
          text.append("\nsteps:");
          for (JsonNode step : skill.path("steps")) {
            text.append("\n- ")
                .append(step.path("id").asText())
                .append(": ")
                .append(step.path("action").asText());
          }
          return ToolResult.ok(skill, text.toString());
        });
  }

  static Tool runSkill() {
    return new Tool(
        "run_skill",
        "Run a skill",
        "Runs a skill against a sandbox (the key is injected into every request) and waits until"
            + " it is done, reporting each step as progress when asked (progressToken); with"
            + " wait: false it answers at once with the run id, to follow with get_run. Answers"
            + " the verdict, every failing assertion, which forked services were not exercised,"
            + " and the report files. PASS comes with a signed report.json; INCONCLUSIVE means"
            + " the change was not exercised and is never a success.",
        Schema.object()
            .required("skill", Schema.name("the skill name (see list_skills)"))
            .optional(
                "sandbox",
                Schema.name(
                    "the sandbox to run against (omit to run against the baseline, which proves"
                        + " nothing about a change)"))
            .optional(
                "inputs",
                Schema.anyObject("the skill's inputs by name (see describe_skill); defaults apply"))
            .optional(
                "skillDirs",
                Schema.array(
                    "extra folders of skill files, on the daemon's machine",
                    Schema.text("a folder")))
            .optional(
                "wait",
                Schema.bool(
                        "false answers at once with the run id; follow it with get_run (default:"
                            + " true, answer when done)")
                    .defaultValue(true)),
        Shapes.run(),
        Effect.WRITE,
        SkillTools::run);
  }

  private static ToolResult run(Arguments args, DaemonClient daemon, CallControl control) {
    SkillRunRequest request =
        new SkillRunRequest(
            args.string("skill"),
            args.optionalString("sandbox").orElse(null),
            args.map("inputs"),
            args.strings("skillDirs"));
    RunView run;
    if (!args.bool("wait", true)) {
      run = daemon.startRun(request);
    } else {
      run =
          daemon.runSkill(
              request,
              new Followed(control, id -> daemon.cancelRun(id, Followed.CANCELLED, false)));
    }
    ObjectNode out = RunEvidence.enrich(run, daemon);
    return ToolResult.ok(out, RunEvidence.summary(out));
  }

  static Tool getRun() {
    return new Tool(
        "get_run",
        "Get a run",
        "A run by id (from run_skill or validate): state, verdict, steps, failing assertions and"
            + " report paths.",
        Schema.object().required("id", Schema.name("the run id (from run_skill or validate)")),
        Shapes.run(),
        Effect.READ,
        (args, daemon) -> {
          ObjectNode out = RunEvidence.enrich(daemon.run(args.string("id")), daemon);
          return ToolResult.ok(out, RunEvidence.summary(out));
        });
  }

  /** {@code name: description When to use: ... Inputs: productId (integer, default 1)}. */
  static String skillLine(JsonNode s) {
    List<String> inputs = new ArrayList<>();
    for (JsonNode i : s.path("inputs")) {
      inputs.add(
          i.path("name").asText()
              + " ("
              + i.path("type").asText()
              + (i.path("required").asBoolean(false)
                  ? ", required"
                  : ", default " + i.path("default"))
              + ")");
    }
    return s.path("name").asText()
        + ": "
        + s.path("description").asText()
        + " When to use: "
        + s.path("whenToUse").asText()
        + (inputs.isEmpty() ? " No inputs." : " Inputs: " + String.join(", ", inputs) + ".");
  }
}
