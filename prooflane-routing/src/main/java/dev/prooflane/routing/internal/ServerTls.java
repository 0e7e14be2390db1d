package dev.prooflane.routing.internal;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.tls.PemIdentity;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the router's listeners: the JDK's TLS with the router's certificate and key,
 * offering {@code h2} and {@code http/1.1} by ALPN (RFC 7301), TLS 1.3 and 1.2 with the cipher
 * suites HTTP/2 allows (RFC 9113 section 9.2).
 */
final class ServerTls {
  private ServerTls() {}

  /** The server context of {@code identity}; one serves every listener. */
  static SslContext context(PemIdentity identity) {
    try {
      return SslContextBuilder.forServer(
              identity.key(), identity.chain().toArray(new X509Certificate[0]))
          .sslProvider(SslProvider.JDK)
          .protocols("TLSv1.3", "TLSv1.2")
          .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_2,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new ProoflaneException(
          "router.tls: the JDK's TLS refuses the certificate and key of "
              + identity.files()
              + ": "
              + e.getMessage()
              + " (expected: a certificate and key the JDK can serve, such as RSA or EC P-256)",
          e);
    }
  }
}
