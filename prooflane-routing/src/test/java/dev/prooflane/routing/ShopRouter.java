package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.sandbox;

/**
 * A router with a listener for service {@code shop}, whose baseline and whose fork in sandbox
 * {@code sbx-a} (key {@code key-a}) are {@link TestUpstream}s answering with their names.
 */
final class ShopRouter implements AutoCloseable {
  final TestUpstream baseline = TestUpstream.start("baseline/shop#1");
  final TestUpstream fork = TestUpstream.start("sbx-a/shop#1");
  final Router router;
  final int port;

  ShopRouter(RouterOptions options) {
    router = Router.start(options);
    port = router.listen("shop", 0);
    router.update(
        t ->
            t.withBaseline("shop", baseline.upstream())
                .withSandbox(sandbox("sbx-a", "key-a", "shop", fork.upstream())));
  }

  @Override
  public void close() {
    router.close();
    baseline.close();
    fork.close();
  }
}
