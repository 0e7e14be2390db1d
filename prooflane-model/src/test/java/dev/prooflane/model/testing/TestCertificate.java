package dev.prooflane.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} with its key, made by the
 * JDK's {@code keytool} and written as the PEM files an environment's {@code router.tls} names.
 *
 * @param certificate the PEM certificate
 * @param key the PEM private key (PKCS#8, unencrypted)
 * @param x509 the certificate itself, for clients that trust it
 */
public record TestCertificate(Path certificate, Path key, X509Certificate x509) {
  private static final String PASSWORD = "changeit";

  /** A certificate valid from yesterday for two days, with an {@code keyAlgorithm} key. */
  public static TestCertificate valid(Path dir, String name, String keyAlgorithm) {
    return make(dir, name, keyAlgorithm, List.of("-startdate", "-1d", "-validity", "2"));
  }

  /** An EC certificate valid from yesterday for two days. */
  public static TestCertificate valid(Path dir, String name) {
    return valid(dir, name, "EC");
  }

  /** An EC certificate that expired yesterday. */
  public static TestCertificate expired(Path dir, String name) {
    return make(dir, name, "EC", List.of("-startdate", "-3d", "-validity", "2"));
  }

  /** A TLS context whose only trusted certificate is this one. */
  public SSLContext trustingContext() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("router", x509);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot trust the test certificate", e);
    }
  }

  private static TestCertificate make(
      Path dir, String name, String keyAlgorithm, List<String> validity) {
    try {
      Path store = dir.resolve(name + ".p12");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "router",
                  "-keyalg",
                  keyAlgorithm,
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=dns:localhost,ip:127.0.0.1",
                  "-keystore",
                  store.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  PASSWORD,
                  "-keypass",
                  PASSWORD));
      command.addAll(validity);
      Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      X509Certificate x509 = (X509Certificate) keys.getCertificate("router");
      Path certificate = dir.resolve(name + ".crt");
      Path key = dir.resolve(name + ".key");
      Files.writeString(certificate, pem("CERTIFICATE", x509.getEncoded()));
      Files.writeString(
          key, pem("PRIVATE KEY", keys.getKey("router", PASSWORD.toCharArray()).getEncoded()));
      return new TestCertificate(certificate, key, x509);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making a test certificate", e);
    }
  }

  /** {@code bytes} as a PEM block labelled {@code label}. */
  public static String pem(String label, byte[] bytes) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
