package dev.prooflane.cli;

import dev.prooflane.actions.report.SigningKeys;
import dev.prooflane.actions.report.Verification;
import dev.prooflane.actions.report.Verifier;
import dev.prooflane.server.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks that a report.json is authentic: its digest and Ed25519 signature (and signer) hold. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a report.json (a DSSE envelope): the Ed25519 signature over its in-toto statement, with"
          + " --key the signer, and that statement.json beside it says the same.",
      "Exit code: 0 authentic, 1 tampered or untrusted; with --require-pass, an authentic report"
          + " exits with its verdict's code (0 PASS, 1 FAIL, 5 INCONCLUSIVE, 6 ERROR)."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonMixin output;

  @Parameters(paramLabel = "FILE", description = "The report.json to check.")
  Path file;

  @Option(
      names = "--key",
      paramLabel = "PUBLIC_KEY",
      description =
          "Require this signer (a report-signing.pub file). Without it, the key beside the report"
              + " is used: that proves integrity, not who signed.")
  Path key;

  @Option(names = "--require-pass", description = "Also fail unless the report's verdict is PASS.")
  boolean requirePass;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      throw new CliException(
          ExitCode.USAGE, file + ": no such file (give the path of a report.json)");
    }
    Optional<PublicKey> trusted = Optional.ofNullable(key).map(SigningKeys::readPublicKey);
    Verification v = Verifier.verify(file, trusted);
    String verdict = v.verdict().orElse("?");
    int exit =
        !v.valid() ? ExitCode.FAILED : requirePass ? ExitCode.ofVerdict(verdict) : ExitCode.OK;
    boolean ok = exit == ExitCode.OK;
    if (!output.json) {
      v.notice().ifPresent(n -> err.println("notice: " + n));
    }
    if (output.json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("file", file.toAbsolutePath().toString());
      result.put("valid", v.valid());
      result.put("problem", v.problem().orElse(null));
      result.put("notice", v.notice().orElse(null));
      result.put("keyId", v.keyId());
      result.put("payloadSha256", v.payloadSha256());
      result.put("verdict", v.valid() ? verdict : null);
      result.put("trustedKey", key != null);
      out.println(Json.pretty(result));
    } else if (v.valid()) {
      out.println(
          "authentic: "
              + file
              + " (sha256 "
              + v.payloadSha256()
              + ", signed by "
              + v.keyId()
              + (key == null
                  ? ", the key beside the report; pass --key to require a signer"
                  : ", the trusted key")
              + ")");
      out.println("verdict " + verdict + (requirePass && !ok ? " (not a PASS)" : ""));
    } else {
      err.println("NOT authentic: " + file + ": " + v.problem().orElse("invalid"));
    }
    return exit;
  }
}
