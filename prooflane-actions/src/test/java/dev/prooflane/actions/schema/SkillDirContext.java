package dev.prooflane.actions.schema;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.LogWindow;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The part of a context the schema action uses: the skill folder. */
record SkillDirContext(Path skillDir) implements ActionContext {
  @Override
  public RuntimeAccess runtime() {
    throw new UnsupportedOperationException("the schema action needs no runtime");
  }

  @Override
  public Optional<SandboxInfo> sandbox() {
    return Optional.empty();
  }

  @Override
  public String runId() {
    return "run-1";
  }

  @Override
  public String stepId() {
    return "contract";
  }

  @Override
  public Duration remaining() {
    return Duration.ofSeconds(10);
  }

  @Override
  public LogWindow logWindow(String service, Optional<String> sandbox, Optional<String> step) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult runAction(String action, Map<String, Object> with) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ActionResult runSkill(String skill, Map<String, Object> inputs) {
    throw new UnsupportedOperationException();
  }
}
