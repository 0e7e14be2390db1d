package dev.prooflane.model.spec;

import dev.prooflane.model.RouterTls;
import dev.prooflane.model.tls.PemIdentity;
import dev.prooflane.model.tls.TlsFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code router:} section of an environment file: settings of the router's listeners, today
 * {@code tls} (a certificate and key, PEM files relative to the file's folder). The files are read
 * and checked here, so that a bad one is reported with the file's other problems, at its field.
 */
final class RouterSection {
  private static final Set<String> ROUTER = Set.of("tls");
  private static final Set<String> TLS = Set.of("certificate", "key");

  private RouterSection() {}

  /** The router's TLS files, empty without {@code router.tls} or after reporting a problem. */
  static Optional<RouterTls> tls(SpecNode router, Path file) {
    Map<String, SpecNode> r = router.entries();
    router.rejectUnknown(r, ROUTER);
    SpecNode tls = r.get("tls");
    if (tls == null || tls.isNull()) {
      return Optional.empty();
    }
    Map<String, SpecNode> t = tls.entries();
    if (!tls.isMapping()) {
      return Optional.empty();
    }
    tls.rejectUnknown(t, TLS);
    Path base = file.toAbsolutePath().normalize().getParent();
    Path certificate = file(tls, t, "certificate", base);
    Path key = file(tls, t, "key", base);
    if (certificate == null || key == null) {
      return Optional.empty();
    }
    RouterTls files = new RouterTls(certificate, key);
    try {
      PemIdentity.read(files);
    } catch (TlsFileException e) {
      t.get(e.field()).problem(e.problem());
      return Optional.empty();
    }
    return Optional.of(files);
  }

  private static Path file(SpecNode tls, Map<String, SpecNode> t, String field, Path base) {
    SpecNode node = t.get(field);
    if (node == null) {
      return tls.problem(
          "missing field '"
              + field
              + "' (router.tls needs both: certificate, the PEM certificate chain, and key, its"
              + " PEM private key; see docs/environment.md#tls)");
    }
    return node.resolvedPath(base);
  }
}
