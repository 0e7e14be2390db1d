package dev.prooflane.actions.engine;

import dev.prooflane.actions.call.SkillCallAction;
import dev.prooflane.actions.check.CheckAction;
import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.diff.DiffAction;
import dev.prooflane.actions.grpc.GrpcAction;
import dev.prooflane.actions.http.HttpAction;
import dev.prooflane.actions.kafka.KafkaExpectAction;
import dev.prooflane.actions.kafka.KafkaPublishAction;
import dev.prooflane.actions.logs.LogsAction;
import dev.prooflane.actions.schema.SchemaAction;
import dev.prooflane.actions.sql.SqlAction;
import dev.prooflane.actions.wait.WaitAction;
import dev.prooflane.model.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The actions steps can use, by name. */
public final class ActionCatalog {
  private final Map<String, Action> actions;

  private ActionCatalog(Map<String, Action> actions) {
    this.actions = actions;
  }

  /** The built-in actions. */
  public static ActionCatalog builtIn() {
    return of(
        List.of(
            new CheckAction(),
            new HttpAction(),
            new GrpcAction(),
            new KafkaPublishAction(),
            new KafkaExpectAction(),
            new LogsAction(),
            new DiffAction(),
            new WaitAction(),
            new SkillCallAction(),
            new SchemaAction(),
            new SqlAction()));
  }

  public static ActionCatalog of(Collection<? extends Action> actions) {
    Map<String, Action> map = new TreeMap<>();
    for (Action a : actions) {
      if (map.put(a.descriptor().name(), a) != null) {
        throw new IllegalArgumentException("actions: '" + a.descriptor().name() + "' twice");
      }
    }
    return new ActionCatalog(map);
  }

  public Set<String> names() {
    return actions.keySet();
  }

  public List<ActionDescriptor> descriptors() {
    return actions.values().stream().map(Action::descriptor).toList();
  }

  /** The action named {@code name}, or a NotFoundException listing the known ones. */
  public Action get(String name) {
    Action a = actions.get(name);
    if (a == null) {
      throw new NotFoundException(
          "action", name, "known actions: " + String.join(", ", actions.keySet()));
    }
    return a;
  }
}
