package dev.prooflane.kubernetes.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.RouteState;
import java.util.List;

/**
 * What to do for a sandbox: the objects to create or update (whole, as they must end up), the
 * objects to delete, and what to report in its status.
 *
 * @param writes objects to create, or to update where they exist, in this order
 * @param deletes objects to delete (only ever objects Prooflane made)
 * @param forks per fork, the names of its Deployment and Services
 * @param routes the routing objects written and the named routes in them that are the sandbox's
 * @param notes things the user should know that are not errors (a skipped, ignored object)
 */
public record Plan(
    List<ObjectNode> writes,
    List<ObjectNode> deletes,
    List<ForkState> forks,
    List<RouteState> routes,
    List<String> notes) {
  public Plan {
    writes = List.copyOf(writes);
    deletes = List.copyOf(deletes);
    forks = List.copyOf(forks);
    routes = List.copyOf(routes);
    notes = List.copyOf(notes);
  }
}
