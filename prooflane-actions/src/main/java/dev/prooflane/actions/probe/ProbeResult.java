package dev.prooflane.actions.probe;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.PropagationDrop;
import java.util.List;

/**
 * What a probe found: its request, each hop it reached, where the key stopped, the drop detectors'
 * records of its key, and what to do.
 *
 * @param service the service the request was sent to
 * @param path the path requested ({@code GET})
 * @param url the router address it was sent to
 * @param key the throwaway routing key it carried (no sandbox has it, so every hop goes to the
 *     baseline)
 * @param traceId the trace id of the fresh {@code traceparent} it carried
 * @param status the status the service answered, or 0 when no answer came
 * @param error why no answer came, or null
 * @param keyTravelled true when an answer came and no service called another without the key
 * @param hops the hops of the request, in the order they arrived: those with its key or trace, and
 *     the calls without either made while a keyed hop was served
 * @param stops the services that dropped the key, in the order the key reached them
 * @param drops every record the drop detectors wrote for the probe's key
 * @param malformedDropLines lines of the drop record files that could not be read (skipped)
 * @param advice what to do, one item per line; empty when the key travelled
 */
public record ProbeResult(
    String service,
    String path,
    String url,
    String key,
    String traceId,
    int status,
    String error,
    boolean keyTravelled,
    List<ProbeHop> hops,
    List<ProbeStop> stops,
    List<PropagationDrop> drops,
    int malformedDropLines,
    List<String> advice) {
  public ProbeResult {
    requireNonNull(service, "service");
    requireNonNull(path, "path");
    requireNonNull(key, "key");
    requireNonNull(traceId, "traceId");
    hops = List.copyOf(hops);
    stops = List.copyOf(stops);
    drops = List.copyOf(drops);
    advice = List.copyOf(advice);
  }
}
