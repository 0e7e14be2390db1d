package dev.prooflane.server;

import dev.prooflane.server.api.ApiServer;
import dev.prooflane.server.api.ApiServices;
import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.auth.TokenStore;
import dev.prooflane.server.baseline.BaselineService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;

/**
 * The REST API served over {@link DaemonParts} (so over their governance, whatever its audit log
 * does), with a token store in the same state folder and an admin token, for tests that speak HTTP
 * to parts they control.
 *
 * @param tokens the token store the API checks
 * @param server the API
 * @param url the API's base URL
 * @param admin an admin token's secret
 */
public record ApiOverParts(TokenStore tokens, ApiServer server, String url, String admin)
    implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Serves {@code parts} on a free loopback port. */
  public static ApiOverParts start(DaemonParts parts) {
    TokenStore tokens = TokenStore.open(parts.state());
    String admin = tokens.create("admin", EnumSet.of(Scope.POLICY_ADMIN)).secret();
    ApiServer server =
        ApiServer.start(
            new ApiServices(
                parts.runtime(),
                parts.sandboxes(),
                new BaselineService(parts.runtime(), parts.governance(), env -> {}),
                parts.runs(),
                parts.validations(),
                tokens,
                parts.governance(),
                () -> {}),
            "127.0.0.1",
            0,
            List.of());
    return new ApiOverParts(tokens, server, "http://127.0.0.1:" + server.port() + "/api/v1", admin);
  }

  /** Sends {@code method path} with {@code token} and {@code body} (null for none). */
  public HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Creates a token named {@code name} with {@code scopes} (a JSON array) through the API, as the
   * admin; returns the answer ({@code id}, {@code token}...).
   */
  public com.fasterxml.jackson.databind.JsonNode token(String name, String scopes)
      throws IOException, InterruptedException {
    HttpResponse<String> created =
        send("POST", "/tokens", admin, "{\"name\": \"" + name + "\", \"scopes\": " + scopes + "}");
    if (created.statusCode() != 201) {
      throw new IllegalStateException("POST /tokens answered " + created.body());
    }
    return dev.prooflane.server.json.Json.mapper().readTree(created.body());
  }

  @Override
  public void close() {
    server.close();
    tokens.close();
  }
}
