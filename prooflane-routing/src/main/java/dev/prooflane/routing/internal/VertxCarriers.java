package dev.prooflane.routing.internal;

import dev.prooflane.routing.key.RequestCarriers;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/** The routing-key carriers of a Vert.x server request. */
final class VertxCarriers implements RequestCarriers {
  private final HttpServerRequest request;

  VertxCarriers(HttpServerRequest request) {
    this.request = request;
  }

  @Override
  public List<String> headers(String lowerCaseName) {
    return ForwardedHeaders.all(request.headers(), lowerCaseName);
  }

  @Override
  public String rawQuery() {
    return request.query();
  }
}
