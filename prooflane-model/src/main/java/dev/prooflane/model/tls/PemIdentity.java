package dev.prooflane.model.tls;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.RouterTls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The router's TLS identity, read from the PEM files of {@code router.tls}: a certificate chain
 * (the router's own certificate first) and the private key of its first certificate. Reading checks
 * what a TLS handshake would otherwise only show to a client: that both files are PEM of the right
 * kind and that the key belongs to the certificate.
 *
 * <p>Not a record: its {@link #toString} must never show the key.
 */
public final class PemIdentity {
  private static final String CONVERT =
      "openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out KEY-pkcs8.pem";

  private final RouterTls files;
  private final List<X509Certificate> chain;
  private final PrivateKey key;

  private PemIdentity(RouterTls files, List<X509Certificate> chain, PrivateKey key) {
    this.files = files;
    this.chain = List.copyOf(chain);
    this.key = key;
  }

  /**
   * Reads and checks the certificate chain and key that {@code files} name.
   *
   * @throws TlsFileException naming the field whose file is missing, unreadable, not PEM of the
   *     right kind, or (for {@code key}) not the key of the certificate
   */
  public static PemIdentity read(RouterTls files) {
    requireNonNull(files, "files");
    List<X509Certificate> chain = certificates(PemFile.read("certificate", files.certificate()));
    PrivateKey key = privateKey(PemFile.read("key", files.key()), chain.get(0), files);
    return new PemIdentity(files, chain, key);
  }

  /** The files it was read from. */
  public RouterTls files() {
    return files;
  }

  /** The certificate chain, the router's own certificate first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The private key of the first certificate. */
  public PrivateKey key() {
    return key;
  }

  /**
   * A warning when the router's certificate is not valid at {@code now} (expired, or not yet
   * valid): the router still serves it, and clients refuse it.
   */
  public Optional<String> validityWarning(Instant now) {
    X509Certificate own = chain.get(0);
    String where = "router.tls.certificate: '" + files.certificate() + "' ";
    try {
      own.checkValidity(Date.from(now));
      return Optional.empty();
    } catch (CertificateExpiredException e) {
      return Optional.of(
          where
              + "expired on "
              + own.getNotAfter().toInstant()
              + ": TLS clients will refuse it (make a new one; see docs/environment.md#tls)");
    } catch (CertificateNotYetValidException e) {
      return Optional.of(
          where
              + "is not valid before "
              + own.getNotBefore().toInstant()
              + ": TLS clients will refuse it until then (check the machine's clock, or make a"
              + " new one; see docs/environment.md#tls)");
    }
  }

  @Override
  public String toString() {
    return "PemIdentity[" + chain.get(0).getSubjectX500Principal() + " from " + files + "]";
  }

  private static List<X509Certificate> certificates(PemFile file) {
    List<PemFile.Block> blocks = file.blocks();
    List<PemFile.Block> certs =
        blocks.stream().filter(b -> b.label().equals("CERTIFICATE")).toList();
    if (certs.isEmpty()) {
      boolean key = blocks.stream().anyMatch(b -> b.label().endsWith("PRIVATE KEY"));
      throw file.problem(
          key
              ? "holds a private key, not a certificate (expected: -----BEGIN CERTIFICATE-----;"
                  + " are certificate and key swapped?)"
              : "is not a PEM certificate (expected: one or more -----BEGIN CERTIFICATE-----"
                  + " blocks, the router's own certificate first; convert a DER file with"
                  + " openssl x509 -inform der -in CERT.der -out CERT.pem)");
    }
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (int i = 0; i < certs.size(); i++) {
      byte[] der = certs.get(i).bytes();
      String which = certs.size() == 1 ? "its certificate" : "certificate " + (i + 1);
      if (der == null) {
        throw file.problem(which + " is not Base64 (expected: an unencrypted PEM certificate)");
      }
      try {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      } catch (CertificateException e) {
        throw file.problem(which + " is not a valid X.509 certificate (" + e.getMessage() + ")");
      }
    }
    return chain;
  }

  private static PrivateKey privateKey(PemFile file, X509Certificate own, RouterTls files) {
    List<PemFile.Block> blocks = file.blocks();
    PemFile.Block block =
        blocks.stream().filter(b -> b.label().equals("PRIVATE KEY")).findFirst().orElse(null);
    if (block == null) {
      throw file.problem(missingKey(blocks));
    }
    byte[] der = block.bytes();
    if (der == null) {
      throw file.problem(
          "is not an unencrypted PEM key (PEM headers or no Base64; convert it: " + CONVERT + ")");
    }
    PublicKey expected = own.getPublicKey();
    PrivateKey key = decode(der, expected.getAlgorithm());
    if (key == null) {
      String other = otherAlgorithm(der);
      throw file.problem(
          other == null
              ? "is not a valid PKCS#8 private key (expected: -----BEGIN PRIVATE KEY-----)"
              : "is "
                  + other
                  + " key, but the certificate's is "
                  + expected.getAlgorithm()
                  + " (expected: the key of router.tls.certificate '"
                  + files.certificate()
                  + "')");
    }
    if (!belongs(key, expected)) {
      throw file.problem(
          "does not match the certificate "
              + own.getSubjectX500Principal()
              + " (expected: the private key the certificate was made for; with a chain, the"
              + " router's own certificate comes first)");
    }
    return key;
  }

  private static String missingKey(List<PemFile.Block> blocks) {
    for (PemFile.Block b : blocks) {
      switch (b.label()) {
        case "ENCRYPTED PRIVATE KEY":
          return "holds an encrypted key (expected: an unencrypted one; decrypt it: "
              + CONVERT
              + ")";
        case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY":
          String algorithm = b.label().substring(0, b.label().indexOf(' '));
          return "holds "
              + (algorithm.equals("DSA") ? "a " : "an ")
              + algorithm
              + " key in the traditional format (expected: PKCS#8, -----BEGIN PRIVATE KEY-----;"
              + " convert it: "
              + CONVERT
              + ")";
        case "CERTIFICATE":
          return "holds a certificate, not a private key (expected: -----BEGIN PRIVATE"
              + " KEY-----; are certificate and key swapped?)";
        default:
          break;
      }
    }
    return "is not a PEM private key (expected: -----BEGIN PRIVATE KEY-----, PKCS#8 unencrypted)";
  }

  private static PrivateKey decode(byte[] der, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  /** The key algorithm other than the certificate's that reads {@code der}: "an RSA", "a DSA". */
  private static String otherAlgorithm(byte[] der) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "DSA")) {
      if (decode(der, algorithm) != null) {
        return (algorithm.equals("DSA") ? "a " : "an ") + algorithm;
      }
    }
    return null;
  }

  /**
   * Whether {@code key} signs what {@code certified} verifies. A key this check cannot sign with
   * (such as RSASSA-PSS, which needs parameters) passes: the handshake tells.
   */
  private static boolean belongs(PrivateKey key, PublicKey certified) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "DSA" -> "SHA256withDSA";
          default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
    byte[] challenge = "prooflane router.tls key check".getBytes(StandardCharsets.US_ASCII);
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      return true;
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
