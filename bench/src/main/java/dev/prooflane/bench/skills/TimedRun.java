package dev.prooflane.bench.skills;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One engine run, with the step start and finish times seen by a listener. */
final class TimedRun implements RunListener {
  /** Per step in order: its start and finish, {@link System#nanoTime()} readings. */
  final List<long[]> steps = Collections.synchronizedList(new ArrayList<>());

  long start;
  long end;
  RunResult result;
  double wallMillis;

  static TimedRun run(SkillEngine engine, String skill, String sandbox) {
    TimedRun t = new TimedRun();
    t.start = System.nanoTime();
    t.result = engine.run(new RunRequest(skill, Optional.of(sandbox), Map.of()), t);
    t.end = System.nanoTime();
    t.wallMillis = (t.end - t.start) / 1e6;
    return t;
  }

  @Override
  public void stepStarted(String id, String action) {
    steps.add(new long[] {System.nanoTime(), 0});
  }

  @Override
  public void stepFinished(StepResult r) {
    steps.get(steps.size() - 1)[1] = System.nanoTime();
  }

  double networkMillis() {
    double sum = 0;
    for (StepResult st : result.steps()) {
      for (Exchange e : st.exchanges()) {
        sum += e.durationMillis();
      }
    }
    if (result.control() != null) {
      sum += result.control().durationMillis();
    }
    return sum;
  }

  double overheadPerStep() {
    return (wallMillis - networkMillis()) / result.steps().size();
  }

  /** The wall time of each step of {@code action}, listener start to finish. */
  List<Double> stepMillis(String action) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (result.steps().get(i).action().equals(action)) {
        out.add(stepMillis(i));
      }
    }
    return out;
  }

  /** The wall time of step {@code index}, listener start to finish. */
  double stepMillis(int index) {
    return (steps.get(index)[1] - steps.get(index)[0]) / 1e6;
  }

  List<Double> exchangeMillis() {
    List<Double> out = new ArrayList<>();
    for (StepResult st : result.steps()) {
      st.exchanges().forEach(e -> out.add(e.durationMillis()));
    }
    return out;
  }

  /** The time between each step's finish and the next one's start. */
  List<Double> gaps() {
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < steps.size(); i++) {
      out.add((steps.get(i)[0] - steps.get(i - 1)[1]) / 1e6);
    }
    return out;
  }

  double prologueMillis() {
    return (steps.get(0)[0] - start) / 1e6;
  }

  double controlMillis() {
    return result.control() == null ? 0 : result.control().durationMillis();
  }

  double epilogueMillis() {
    return (end - steps.get(steps.size() - 1)[1]) / 1e6 - controlMillis();
  }
}
