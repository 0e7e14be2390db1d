package dev.prooflane.actions.probe;

import dev.prooflane.model.KeyNames;
import dev.prooflane.runtime.PropagationDrop;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What to do about the services that dropped a probe's key, one item per line. */
final class ProbeAdvice {
  private ProbeAdvice() {}

  /**
   * The advice for {@code stops} (calls the router saw arrive without the key) and {@code drops}
   * (calls a drop detector saw leave without it, some of them past the router).
   */
  static List<String> of(List<ProbeStop> stops, List<PropagationDrop> drops, KeyNames names) {
    Set<String> services = new LinkedHashSet<>();
    Set<String> withoutCallSite = new LinkedHashSet<>();
    for (ProbeStop s : stops) {
      services.add(s.service());
      if (s.callSites().isEmpty()) {
        withoutCallSite.add(s.service());
      }
    }
    List<String> out = new ArrayList<>();
    for (PropagationDrop d : drops) {
      services.add(d.service());
      if (d.callSite() != null) {
        String fix =
            "fix the call at "
                + d.callSite()
                + " in "
                + d.service()
                + ": it sends "
                + (d.outbound() == null ? "a request" : d.outbound().describe())
                + " without the key";
        if (!out.contains(fix)) {
          out.add(fix);
        }
      }
    }
    for (String service : services) {
      out.add(
          "attach the OpenTelemetry Java agent to "
              + service
              + ": 'propagation: opentelemetry-agent' under services."
              + service
              + " in prooflane.yaml; it forwards W3C trace context and baggage through the"
              + " common HTTP, gRPC and Kafka clients without a code change (a Node service:"
              + " the OpenTelemetry auto-instrumentation through NODE_OPTIONS, see"
              + " docs/propagation.md)");
    }
    String member = names.baggage().isEmpty() ? "<your key's baggage member>" : names.baggage();
    if (!services.isEmpty()) {
      out.add(
          "or have "
              + String.join(", ", services)
              + " forward the baggage member '"
              + member
              + "' with the framework's own settings (Spring Boot with Micrometer Tracing:"
              + " management.tracing.baggage.remote-fields="
              + member
              + "; and build HTTP clients from the framework's builders, which are"
              + " instrumented)");
    }
    for (String service : withoutCallSite) {
      out.add(
          "to find the exact call that drops it: 'propagation: detect' under services."
              + service
              + ", restart it, and probe again: the drop detector names the call site of the JDK"
              + " HttpClient, HttpURLConnection (RestTemplate's default), grpc-java and the Kafka"
              + " producer; other clients (WebClient/Reactor Netty, Apache HttpClient, OkHttp) it"
              + " does not see, see docs/propagation-detector.md#what-it-does-not-see");
    }
    return out;
  }
}
