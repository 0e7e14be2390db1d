package dev.prooflane.server.json;

/**
 * The body of {@code POST /probe}: which path of which service to probe.
 *
 * @param service the service whose router address receives the request
 * @param path the path requested with {@code GET}, starting with {@code /}
 */
public record ProbeRequest(String service, String path) {}
