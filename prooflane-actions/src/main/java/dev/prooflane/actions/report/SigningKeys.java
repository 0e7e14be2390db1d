package dev.prooflane.actions.report;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key pair that signs reports. On disk: {@code report-signing.key} (PKCS#8, PEM, mode
 * 600) and {@code report-signing.pub} (X.509 SubjectPublicKeyInfo, PEM), created on first use.
 */
public final class SigningKeys {
  /** The private key's file name. */
  public static final String PRIVATE_KEY_FILE = "report-signing.key";

  /** The public key's file name. */
  public static final String PUBLIC_KEY_FILE = "report-signing.pub";

  private static final Object CREATING = new Object();
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private SigningKeys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = requireNonNull(privateKey, "privateKey");
    this.publicKey = requireNonNull(publicKey, "publicKey");
    this.keyId = keyId(publicKey);
  }

  /**
   * The key pair under {@code dir} (such as {@code .prooflane/keys}), created there on first use.
   * Safe when several processes start at once: creation holds a lock file in {@code dir}.
   */
  public static SigningKeys loadOrCreate(Path dir) {
    Path key = dir.resolve(PRIVATE_KEY_FILE);
    Path pub = dir.resolve(PUBLIC_KEY_FILE);
    try {
      Files.createDirectories(dir);
      synchronized (CREATING) {
        try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(".report-signing.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
          FileLock lock = lockFile.lock();
          try {
            if (!Files.exists(key) && !Files.exists(pub)) {
              create(key, pub);
            }
            return load(key, pub);
          } finally {
            lock.release();
          }
        }
      }
    } catch (IOException e) {
      throw new ProoflaneException("signing keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A fresh key pair kept in memory only (tests, one-off runs). */
  public static SigningKeys generate() {
    KeyPair pair = newPair();
    return new SigningKeys(pair.getPrivate(), pair.getPublic());
  }

  /** Reads a public key file (PEM or base64 X.509), to pass as the trusted key to the verifier. */
  public static PublicKey readPublicKey(Path file) {
    try {
      return publicKey(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      throw new ProoflaneException("public key " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code ed25519:} and the first 16 hex digits of the SHA-256 of the X.509 encoded key. */
  public static String keyId(PublicKey key) {
    return "ed25519:" + Statement.sha256(key.getEncoded()).substring(0, 16);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /** The public key as base64 X.509 SubjectPublicKeyInfo, as reports before DSSE carried it. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey.getEncoded());
  }

  /**
   * The public key as a PEM file's text (X.509 SubjectPublicKeyInfo), as written beside reports.
   */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** An Ed25519 signature of {@code bytes}. */
  byte[] sign(byte[] bytes) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(bytes);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static PublicKey publicKey(String text) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(pemBody(text)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key (" + e.getMessage() + ")", e);
    }
  }

  private static SigningKeys load(Path key, Path pub) throws IOException {
    if (!Files.exists(key) || !Files.exists(pub)) {
      Path missing = Files.exists(key) ? pub : key;
      throw new ProoflaneException(
          "signing keys: "
              + missing
              + " is missing while its pair exists; restore it, or delete both files to create a"
              + " new key pair (reports signed with the old key then verify only against it)");
    }
    try {
      PrivateKey privateKey =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(
                      pemBody(Files.readString(key, StandardCharsets.US_ASCII))));
      return new SigningKeys(
          privateKey, publicKey(Files.readString(pub, StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ProoflaneException(
          "signing keys in " + key.getParent() + " are not an Ed25519 pair: " + e.getMessage(), e);
    }
  }

  private static void create(Path key, Path pub) throws IOException {
    KeyPair pair = newPair();
    Path tmp = key.resolveSibling("." + PRIVATE_KEY_FILE + ".tmp");
    Files.deleteIfExists(tmp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    AtomicFiles.write(
        pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    Files.move(tmp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static KeyPair newPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] pemBody(String text) {
    String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
