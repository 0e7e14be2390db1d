package dev.prooflane.kubernetes.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.RouteState;
import java.util.List;

/**
 * What a routing provider changes for a sandbox.
 *
 * @param writes routing objects to create or update, whole
 * @param deletes routing objects to delete (only ever Prooflane's own)
 * @param routes for the status: the objects written and the sandbox's routes in them
 * @param notes what the user should know, such as an object skipped because it is ignored
 */
public record RoutingChanges(
    List<ObjectNode> writes,
    List<ObjectNode> deletes,
    List<RouteState> routes,
    List<String> notes) {
  public RoutingChanges {
    writes = List.copyOf(writes);
    deletes = List.copyOf(deletes);
    routes = List.copyOf(routes);
    notes = List.copyOf(notes);
  }
}
