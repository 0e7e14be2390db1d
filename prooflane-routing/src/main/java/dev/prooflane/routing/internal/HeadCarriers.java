package dev.prooflane.routing.internal;

import dev.prooflane.keys.RequestCarriers;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/** The routing-key carriers of a decoded request head: its headers and its query. */
final class HeadCarriers implements RequestCarriers {
  private final HttpRequest request;

  HeadCarriers(HttpRequest request) {
    this.request = request;
  }

  @Override
  public List<String> headers(String lowerCaseName) {
    return request.headers().getAll(lowerCaseName);
  }

  @Override
  public String rawQuery() {
    return Paths.rawQuery(request.uri());
  }
}
