package dev.prooflane.server.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /environment/apply}: which environment file the daemon reads and applies.
 *
 * @param file the file's absolute path on the daemon's machine, or null for the file the daemon
 *     runs (read again)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentRequest(String file) {}
