package dev.prooflane.actions.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.ProoflaneException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;

  @Test
  void createsAKeyPairOnFirstUseAndLoadsItAfterwards() throws Exception {
    Path keys = dir.resolve(".prooflane/keys");
    SigningKeys first = SigningKeys.loadOrCreate(keys);
    SigningKeys again = SigningKeys.loadOrCreate(keys);

    assertThat(again.keyId()).isEqualTo(first.keyId()).matches("ed25519:[0-9a-f]{16}");
    assertThat(Files.readString(keys.resolve("report-signing.key")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(keys.resolve("report-signing.pub")))
        .startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("report-signing.key"))))
        .isEqualTo("rw-------");
    assertThat(SigningKeys.readPublicKey(keys.resolve("report-signing.pub")))
        .isEqualTo(first.publicKey());
  }

  @Test
  void refusesAHalfPairInsteadOfReplacingIt() throws Exception {
    SigningKeys.loadOrCreate(dir);
    Files.delete(dir.resolve("report-signing.pub"));

    assertThatThrownBy(() -> SigningKeys.loadOrCreate(dir))
        .isInstanceOf(ProoflaneException.class)
        .hasMessageContaining("report-signing.pub is missing while its pair exists");
    assertThat(dir.resolve("report-signing.key")).exists();
  }

  @Test
  void signaturesFromTheLoadedKeyVerify() throws Exception {
    SigningKeys keys = SigningKeys.loadOrCreate(dir);
    Path report = SignedReport.write(Runs.pass(), SigningKeys.loadOrCreate(dir), dir).file();

    assertThat(
            Verifier.verify(
                    report,
                    java.util.Optional.of(
                        SigningKeys.readPublicKey(dir.resolve("report-signing.pub"))))
                .valid())
        .isTrue();
    assertThat(keys.keyId()).isEqualTo(SigningKeys.keyId(keys.publicKey()));
  }
}
