package dev.prooflane.model.spec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds a value that contains itself through an alias ({@code &w {that: [*w]}}): every reader would
 * recurse on it forever. Depth-first without recursion, each node visited once.
 */
final class Cycles {
  private Cycles() {}

  /** A node on the current path and how far through its children the walk is. */
  private static final class Frame {
    final Node node;
    final List<Node> children;
    int next;

    Frame(Node node) {
      this.node = node;
      this.children = children(node);
    }
  }

  /** The first node found inside itself, or null when there is none. */
  static Node find(Node root) {
    Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Frame> path = new ArrayDeque<>();
    path.push(new Frame(root));
    onPath.add(root);
    while (!path.isEmpty()) {
      Frame frame = path.peek();
      if (frame.next == frame.children.size()) {
        path.pop();
        onPath.remove(frame.node);
        finished.add(frame.node);
        continue;
      }
      Node child = frame.children.get(frame.next++);
      if (onPath.contains(child)) {
        return child;
      }
      if (!finished.contains(child)) {
        onPath.add(child);
        path.push(new Frame(child));
      }
    }
    return null;
  }

  private static List<Node> children(Node node) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    if (node instanceof MappingNode map) {
      List<Node> out = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        out.add(t.getKeyNode());
        out.add(t.getValueNode());
      }
      return out;
    }
    return List.of();
  }
}
