package dev.prooflane.routing;

import dev.prooflane.model.RouterTls;
import dev.prooflane.model.testing.TestCertificate;
import dev.prooflane.model.tls.PemIdentity;
import java.nio.file.Path;

/**
 * A router with a fresh self-signed certificate, one listener and the route table of another
 * router: the TLS case of a protocol's tests, beside their cleartext router.
 *
 * @param router the router with the certificate
 * @param port its listener's port
 * @param certificate the certificate its clients must trust
 */
public record TlsRouter(Router router, int port, TestCertificate certificate)
    implements AutoCloseable {

  /**
   * Starts one for {@code service} with the routes {@code cleartext} has now; files in {@code dir}.
   */
  public static TlsRouter beside(Router cleartext, String service, Path dir) {
    TestCertificate certificate = TestCertificate.valid(dir, "router");
    Router router =
        Router.start(
            RouterOptions.defaults()
                .withTls(
                    PemIdentity.read(new RouterTls(certificate.certificate(), certificate.key()))));
    int port = router.listen(service, 0);
    router.update(t -> cleartext.routes());
    return new TlsRouter(router, port, certificate);
  }

  @Override
  public void close() {
    router.close();
  }
}
