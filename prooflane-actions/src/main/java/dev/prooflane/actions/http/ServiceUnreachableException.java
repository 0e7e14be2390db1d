package dev.prooflane.actions.http;

import dev.prooflane.model.ProoflaneException;

/** A request to a service of the environment got no response; the step ends with ERROR. */
public final class ServiceUnreachableException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String service;
  private final String url;

  public ServiceUnreachableException(String service, String url, String why, Throwable cause) {
    super(
        "service '"
            + service
            + "' did not answer at "
            + url
            + ": "
            + why
            + " (is the service running and its router listening? see: prooflane status)",
        cause);
    this.service = service;
    this.url = url;
  }

  public String service() {
    return service;
  }

  public String url() {
    return url;
  }
}
