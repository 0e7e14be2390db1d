package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.ActionInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to an external host by URL, as a step describes it; the policy's {@code http.allow}
 * decides whether it may be sent.
 *
 * @param url the absolute http or https URL
 * @param method the HTTP method, upper case
 * @param headers headers by lower-case name
 * @param body as for {@link HttpCall}
 * @param followRedirects whether to follow up to {@value ExternalClient#MAX_REDIRECTS} redirects,
 *     each admitted by the policy again
 */
public record UrlCall(
    URI url, String method, Map<String, String> headers, Object body, boolean followRedirects) {
  public UrlCall {
    requireNonNull(url, "url");
    requireNonNull(method, "method");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The {@code url} field as a URI (also for {@code grpc}). */
  public static URI uri(ActionInput input) {
    String text = input.string("url");
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw input.error("url", "'" + text + "' is not a URL: " + e.getReason());
    }
  }

  /** Reads {@code url}, {@code method}, {@code headers}, {@code body}, {@code followRedirects}. */
  static UrlCall read(ActionInput input) {
    for (String field : new String[] {"service", "path", "query"}) {
      if (input.has(field)) {
        throw input.error(
            field,
            "cannot be given with url: (put the path and query in the URL, or call a service of"
                + " the environment with service: and path:)");
      }
    }
    URI url = uri(input);
    String text = url.toString();
    if (!url.isAbsolute() || url.getRawAuthority() == null) {
      throw input.error(
          "url", "'" + text + "' (expected: an absolute URL such as https://host/path)");
    }
    if (url.getRawFragment() != null) {
      throw input.error("url", "'" + text + "' has a #fragment (remove it: it is never sent)");
    }
    return new UrlCall(
        url,
        HttpCall.method(input),
        HttpCall.headers(input),
        HttpCall.body(input),
        input.bool("followRedirects", true));
  }
}
