package dev.prooflane.actions.policy;

import dev.prooflane.model.spec.SpecNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code http:} section of a policy: {@code allow} and {@code privateNetworks}. */
final class EgressReader {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");

  private EgressReader() {}

  static Egress read(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, Set.of("allow", "privateNetworks"));
    List<HostRule> rules = new ArrayList<>();
    if (f.containsKey("allow")) {
      for (SpecNode item : f.get("allow").items()) {
        rule(item).ifPresent(rules::add);
      }
    }
    List<Cidr> ranges = new ArrayList<>();
    if (f.containsKey("privateNetworks")) {
      for (SpecNode item : f.get("privateNetworks").items()) {
        item.parse(Cidr::parse)
            .ifPresent(
                cidr ->
                    AddressRanges.neverOpenable(cidr)
                        .ifPresentOrElse(
                            never ->
                                item.problem(
                                    cidr
                                        + " lies in "
                                        + never.cidr()
                                        + ", "
                                        + never.what()
                                        + ", which can never be opened (remove it)"),
                            () -> ranges.add(cidr)));
      }
    }
    return new Egress(rules, ranges);
  }

  private static Optional<HostRule> rule(SpecNode item) {
    if (item.isScalar()) {
      return hostRule(item, Set.of(), Set.of());
    }
    Map<String, SpecNode> r = item.entries();
    item.rejectUnknown(r, Set.of("host", "ports", "methods"));
    if (!r.containsKey("host")) {
      item.problem("missing field 'host' (such as api.partner.example)");
      return Optional.empty();
    }
    Set<Integer> ports = new LinkedHashSet<>();
    if (r.containsKey("ports")) {
      for (SpecNode p : r.get("ports").items()) {
        Integer port = p.integer(1, 65535);
        if (port != null) {
          ports.add(port);
        }
      }
    }
    Set<String> methods = new LinkedHashSet<>();
    if (r.containsKey("methods")) {
      for (SpecNode m : r.get("methods").items()) {
        String method = m.text();
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
          m.problem("'" + method + "' (expected: GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE)");
        } else if (method != null) {
          methods.add(method.toUpperCase(Locale.ROOT));
        }
      }
    }
    return hostRule(r.get("host"), ports, methods);
  }

  private static Optional<HostRule> hostRule(
      SpecNode node, Set<Integer> ports, Set<String> methods) {
    return node.parse(host -> new HostRule(host, ports, methods));
  }
}
