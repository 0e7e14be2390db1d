package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.prooflane.model.Environment;
import dev.prooflane.model.RouterTls;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import dev.prooflane.model.testing.TestCertificate;
import dev.prooflane.model.tls.PemIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code router.tls}: the router's certificate and key, read and checked with the file. */
class RouterTlsReaderTest {
  @TempDir Path dir;
  private TestCertificate router;

  @BeforeEach
  void makeCertificate() throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    router = TestCertificate.valid(dir.resolve("certs"), "router");
  }

  private Environment read(String tls) {
    return EnvironmentReader.parse(
        dir.resolve("prooflane.yaml"),
        "router:\n  tls: " + tls + "\nservices:\n  a: {command: run}\n");
  }

  private SpecProblem problem(String tls) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(tls));
    assertThat(e).as("a SpecException for router.tls %s", tls).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void readsTheCertificateAndKeyRelativeToTheFilesFolder() {
    Environment env = read("{certificate: certs/router.crt, key: certs/router.key}");

    assertThat(env.tls()).contains(new RouterTls(router.certificate(), router.key()));
    PemIdentity identity = PemIdentity.read(env.tls().orElseThrow());
    assertThat(identity.chain()).containsExactly(router.x509());
    assertThat(identity.validityWarning(Instant.now())).isEmpty();
    assertThat(identity.toString()).doesNotContain(identity.key().toString());
  }

  @Test
  void anEnvironmentWithoutRouterTlsHasNone() {
    Environment env =
        EnvironmentReader.parse(dir.resolve("prooflane.yaml"), "services:\n  a: {command: run}\n");

    assertThat(env.tls()).isEmpty();
  }

  @Test
  void aMissingCertificateFileIsReportedAtItsFieldWithWhereItWasLooked() {
    SpecProblem p = problem("{certificate: certs/nope.crt, key: certs/router.key}");

    assertThat(p.line()).isEqualTo(2);
    assertThat(p.field()).isEqualTo("router.tls.certificate");
    assertThat(p.message())
        .startsWith("'" + dir.resolve("certs/nope.crt") + "' not found")
        .contains("relative to the environment file's folder");
  }

  @Test
  void aMissingKeyFieldSaysBothAreNeeded() {
    SpecProblem p = problem("{certificate: certs/router.crt}");

    assertThat(p.field()).isEqualTo("router.tls");
    assertThat(p.message()).startsWith("missing field 'key'");
  }

  @Test
  void aFileThatIsNotPemIsRefusedWithHowToConvertIt() throws Exception {
    Files.write(dir.resolve("certs/router.der"), router.x509().getEncoded());

    SpecProblem p = problem("{certificate: certs/router.der, key: certs/router.key}");

    assertThat(p.field()).isEqualTo("router.tls.certificate");
    assertThat(p.message())
        .contains("is not a PEM certificate")
        .contains("openssl x509 -inform der");
  }

  @Test
  void swappedCertificateAndKeyAreNamedAsSuch() {
    SpecProblem p = problem("{certificate: certs/router.key, key: certs/router.key}");

    assertThat(p.field()).isEqualTo("router.tls.certificate");
    assertThat(p.message()).contains("holds a private key, not a certificate");
  }

  @Test
  void aKeyOfAnotherCertificateDoesNotMatch() {
    TestCertificate other = TestCertificate.valid(dir.resolve("certs"), "other");

    SpecProblem p = problem("{certificate: certs/router.crt, key: certs/other.key}");

    assertThat(other.key()).exists();
    assertThat(p.field()).isEqualTo("router.tls.key");
    assertThat(p.message()).contains("does not match the certificate CN=localhost");
  }

  @Test
  void aKeyOfAnotherAlgorithmNamesBoth() {
    TestCertificate.valid(dir.resolve("certs"), "rsa", "RSA");

    SpecProblem p = problem("{certificate: certs/router.crt, key: certs/rsa.key}");

    assertThat(p.field()).isEqualTo("router.tls.key");
    assertThat(p.message())
        .contains("is an RSA key, but the certificate's is EC")
        .contains("the key of router.tls.certificate '" + router.certificate() + "'");
  }

  @Test
  void aTraditionalOrEncryptedKeyIsRefusedWithTheCommandThatConvertsIt() throws IOException {
    Files.writeString(
        dir.resolve("certs/rsa1.key"), TestCertificate.pem("RSA PRIVATE KEY", new byte[] {1, 2}));
    Files.writeString(
        dir.resolve("certs/locked.key"),
        TestCertificate.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2}));

    SpecProblem traditional = problem("{certificate: certs/router.crt, key: certs/rsa1.key}");
    SpecProblem encrypted = problem("{certificate: certs/router.crt, key: certs/locked.key}");

    assertThat(traditional.message())
        .contains("holds an RSA key in the traditional format")
        .contains("openssl pkcs8 -topk8 -nocrypt");
    assertThat(encrypted.message())
        .contains("holds an encrypted key")
        .contains("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void aCertificateThatIsNotX509IsRefused() throws IOException {
    Files.writeString(
        dir.resolve("certs/junk.crt"), TestCertificate.pem("CERTIFICATE", new byte[] {1, 2, 3}));

    SpecProblem p = problem("{certificate: certs/junk.crt, key: certs/router.key}");

    assertThat(p.message()).contains("is not a valid X.509 certificate");
  }

  @Test
  void anUnreadableFileIsReportedAsSuch() throws IOException {
    Path key = router.key();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(key)).as("runs as a user that file modes bind").isFalse();

    SpecProblem p = problem("{certificate: certs/router.crt, key: certs/router.key}");

    assertThat(p.field()).isEqualTo("router.tls.key");
    assertThat(p.message()).contains("cannot be read: permission denied");
  }

  @Test
  void unknownFieldsUnderRouterAreRefused() {
    SpecProblem p = problem("{certificate: certs/router.crt, key: certs/router.key, ca: x}");

    assertThat(p.field()).isEqualTo("router.tls.ca");
    assertThat(p.message()).contains("known fields: certificate, key");
  }

  @Test
  void anExpiredCertificateIsReadWithAWarning() {
    TestCertificate.expired(dir.resolve("certs"), "old");

    Environment env = read("{certificate: certs/old.crt, key: certs/old.key}");
    Optional<String> warning =
        PemIdentity.read(env.tls().orElseThrow()).validityWarning(Instant.now());

    assertThat(warning).isPresent();
    assertThat(warning.get())
        .startsWith("router.tls.certificate: '" + dir.resolve("certs/old.crt") + "' expired on ")
        .contains("TLS clients will refuse it");
  }
}
