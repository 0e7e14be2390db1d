package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of {@code POST /tokens}. Fields left null are not sent.
 *
 * @param name what the token is for, such as {@code ci}
 * @param scopes its scopes, such as {@code sandbox:read}
 * @param expiresIn how long it authenticates, such as {@code 8h}, or null for ever
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenRequest(String name, List<String> scopes, String expiresIn) {
  public TokenRequest {
    requireNonNull(name, "name");
    scopes = List.copyOf(scopes);
  }
}
