package dev.prooflane.examples.shop.http;

import java.io.IOException;

/** The part of a shop service that differs between services: its item route and its answer. */
public interface ShopService extends AutoCloseable {
  /** The service name used in hops and logs, such as {@code pricing}. */
  String name();

  /** The path segment of the item route: {@code prices} serves {@code GET /prices/{id}}. */
  String resource();

  /** Answers one {@code GET /<resource>/{id}}. */
  Reply handle(ItemRequest request) throws IOException, InterruptedException;

  /** Releases what the service holds, such as a client's connections; nothing by default. */
  @Override
  default void close() {}
}
