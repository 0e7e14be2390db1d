package dev.prooflane.kubernetes.crd;

import java.util.ArrayList;
import java.util.List;

/** A routing object the operator wrote for a sandbox, and the named routes of its own in it. */
public class RouteState {
  private String kind;
  private String name;
  private List<String> routes = new ArrayList<>();

  public RouteState() {}

  public RouteState(String kind, String name, List<String> routes) {
    this.kind = kind;
    this.name = name;
    this.routes = new ArrayList<>(routes);
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getRoutes() {
    return routes;
  }

  public void setRoutes(List<String> routes) {
    this.routes = routes == null ? new ArrayList<>() : routes;
  }
}
