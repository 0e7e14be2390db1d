package dev.prooflane.server.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /runs/{id}/cancel} and {@code POST /validations/{id}/cancel}.
 *
 * @param reason why, in the caller's words (recorded in the message and the audit log), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelRequest(String reason) {}
