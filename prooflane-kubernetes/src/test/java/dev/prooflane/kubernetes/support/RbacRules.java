package dev.prooflane.kubernetes.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.render.ManifestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of the operator's ClusterRole in {@code deploy/kubernetes/rbac.yaml}. */
public final class RbacRules {
  /** One API call: what RBAC authorizes. */
  public record Call(String group, String resource, String verb, String path) {}

  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/(?<coreVersion>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))"
              + "(?:/namespaces/(?<ns>[^/]+))?/(?<resource>[^/?]+)(?:/(?<name>[^/?]+))?"
              + "(?:/(?<sub>[^/?]+))?(?:\\?(?<query>.*))?$");

  private final JsonNode rules;

  private RbacRules(JsonNode rules) {
    this.rules = rules;
  }

  public static RbacRules read(Path rbacFile) {
    for (ObjectNode o : ManifestFiles.read(rbacFile)) {
      if (Manifests.kind(o).equals("ClusterRole")) {
        return new RbacRules(o.path("rules"));
      }
    }
    throw new IllegalArgumentException(rbacFile + ": no ClusterRole");
  }

  /** The call an HTTP request to the API server is, or empty for non-resource paths. */
  public static Optional<Call> call(String method, String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String group = m.group("coreVersion") != null ? "" : m.group("group");
    String resource = m.group("resource");
    String name = m.group("name");
    if (m.group("sub") != null) {
      resource = resource + "/" + m.group("sub");
    }
    String query = m.group("query") == null ? "" : m.group("query");
    String verb =
        switch (method) {
          case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name != null ? "delete" : "deletecollection";
          default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    return Optional.of(new Call(group, resource, verb, method + " " + path));
  }

  public boolean allows(Call call) {
    for (JsonNode rule : rules) {
      if (contains(rule.path("apiGroups"), call.group())
          && contains(rule.path("resources"), call.resource())
          && contains(rule.path("verbs"), call.verb())) {
        return true;
      }
    }
    return false;
  }

  /** The calls among {@code calls} that no rule allows. */
  public List<Call> denied(List<Call> calls) {
    List<Call> out = new ArrayList<>();
    for (Call c : calls) {
      if (!allows(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode v : list) {
      if (v.asText().equals(value) || v.asText().equals("*")) {
        return true;
      }
    }
    return false;
  }
}
