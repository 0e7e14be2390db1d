package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The in-toto Statement v1 of a run, with a test-result v0.1 predicate whose {@code prooflane}
 * member carries the full evidence.
 */
final class Statement {
  static final String TYPE = "https://in-toto.io/Statement/v1";
  static final String PREDICATE_TYPE = "https://in-toto.io/attestation/test-result/v0.1";
  static final String COVERAGE_TEST = "coverage";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Statement() {}

  static ObjectNode of(RunResult run) {
    ObjectNode out = F.objectNode();
    out.put("_type", TYPE);
    ArrayNode subject = out.putArray("subject");
    ObjectNode skill = subject.addObject();
    skill.put("name", "skill:" + run.skill().name() + "@" + run.skill().version());
    skill.putObject("digest").put("sha256", hex(run.skill().digest()));
    if (run.target().sandbox() != null) {
      ObjectNode sandbox = subject.addObject();
      sandbox.put("name", "sandbox:" + run.target().sandbox());
      sandbox.putObject("digest").put("sha256", sandboxDigest(run));
    }
    out.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = out.putObject("predicate");
    predicate.put("result", result(run.verdict()));
    ArrayNode configuration = predicate.putArray("configuration");
    ObjectNode config = configuration.addObject();
    config.put("name", run.skill().file());
    config.putObject("digest").put("sha256", hex(run.skill().digest()));
    predicate.putNull("url");
    ArrayNode passed = predicate.putArray("passedTests");
    ArrayNode failed = predicate.putArray("failedTests");
    predicate.putArray("warnedTests");
    for (StepTree.Flat step : StepTree.flatten(run.steps())) {
      switch (step.result().verdict()) {
        case PASS -> passed.add(step.id());
        case FAIL, ERROR, INCONCLUSIVE -> failed.add(step.id());
        case SKIPPED -> {}
      }
    }
    if (run.coverage() != null) {
      (run.coverage().allExercised() ? passed : failed).add(COVERAGE_TEST);
    }
    predicate.set("prooflane", Evidence.of(run));
    return out;
  }

  /** PASS is PASSED; FAIL, ERROR and INCONCLUSIVE are FAILED. WARNED is never produced yet. */
  static String result(Verdict verdict) {
    return verdict == Verdict.PASS ? "PASSED" : "FAILED";
  }

  /**
   * SHA-256 of the UTF-8 text {@code <routingKey>\n<service>\n<service>...} with the forked
   * services sorted: names the sandbox's routing and what it forks, not its (changing) state.
   */
  static String sandboxDigest(RunResult run) {
    StringBuilder text = new StringBuilder(String.valueOf(run.target().routingKey()));
    List<String> services = Evidence.forked(run).stream().sorted().toList();
    services.forEach(s -> text.append('\n').append(s));
    return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String hex(String digest) {
    if (digest == null) {
      return "";
    }
    return digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
  }
}
