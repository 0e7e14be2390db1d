package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.HttpMethod;

/**
 * A message head {@link WireHeadParser} accepted.
 *
 * @param length how many bytes the head takes, its empty line included
 * @param method a request's method (null for a response)
 * @param uri a request's target (null for a response)
 * @param status a response's status code (0 for a request)
 * @param reason a response's reason phrase (null for a request)
 * @param head the header fields
 * @param contentLength the one {@code Content-Length}, or -1 without one
 */
record ParsedHead(
    int length,
    HttpMethod method,
    String uri,
    int status,
    String reason,
    WireHead head,
    long contentLength) {
  /** What the parser returns for a head it leaves to Netty's decoder. */
  static final ParsedHead DECLINED = new ParsedHead(-1, null, null, 0, null, null, -1);

  boolean declined() {
    return this == DECLINED;
  }
}
