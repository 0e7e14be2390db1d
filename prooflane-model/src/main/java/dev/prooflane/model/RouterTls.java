package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the router's TLS identity is read from ({@code router.tls} in the environment file): a
 * certificate chain and its private key, both PEM files. With one, every listener of the router
 * also speaks TLS, offering HTTP/2 and HTTP/1.1 by ALPN.
 *
 * @param certificate the PEM certificate chain, the router's own certificate first, absolute
 * @param key the PEM private key of that certificate (PKCS#8, unencrypted), absolute
 */
public record RouterTls(Path certificate, Path key) {
  public RouterTls {
    requireNonNull(certificate, "certificate");
    requireNonNull(key, "key");
  }
}
