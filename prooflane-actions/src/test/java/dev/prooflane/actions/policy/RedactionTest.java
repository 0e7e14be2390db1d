package dev.prooflane.actions.policy;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.report.Reports;
import dev.prooflane.actions.report.SigningKeys;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in responses and logs never reach a report, an output or a captured log. */
class RedactionTest {
  private static final String BEARER = "s3cr3t-tok-XYZ";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXNlY3JldA";
  private static final String AWS = "AKIAABCDEFGHIJKLMNOP";
  private static final String SESSION = "sess-777-private";
  private static final List<String> SECRETS = List.of(BEARER, JWT, AWS, SESSION, "c2lnbmF0dXJl");

  @TempDir Path dir;

  @Test
  void keepsSecretsOutOfEveryStoredAndReturnedArtifact() throws Exception {
    try (LoopbackEnvironment env = new LoopbackEnvironment()) {
      env.service("auth", (req, log) -> Reply.text(500, "baseline"));
      env.sandbox(
          "sbx",
          "k7q2m9x4z1ab",
          Map.of(
              "auth",
              (req, log) -> {
                log.out("issued " + JWT + " with Authorization: Bearer " + BEARER);
                log.err("aws key " + AWS);
                return new Reply(
                    200,
                    Map.of(
                        "Content-Type",
                        "application/json",
                        "Authorization",
                        "Bearer " + BEARER,
                        "X-Session",
                        SESSION),
                    "{\"token\": \"" + JWT + "\", \"note\": \"Bearer " + BEARER + "\"}");
              }));
      Skill skill =
          parse(
              "login",
              """
              name: login
              description: d
              whenToUse: w
              steps:
                - id: login
                  action: http
                  with: {service: auth, path: /login, expectStatus: 200}
                - id: uses_the_raw_token
                  action: check
                  with:
                    that: ${{ steps.login.outputs.body.token.startsWith('eyJhbGci') }}
                - id: echo
                  action: http
                  with:
                    service: auth
                    path: /me
                    headers: {Authorization: "Bearer ${{ steps.login.outputs.body.token }}"}
                - id: auth_log
                  action: logs
                  with: {service: auth, contains: issued}
              outputs:
                token: ${{ steps.login.outputs.body.token }}
              """);
      Policy policy =
          PolicyReader.parse(
              "policy.yaml", "redact: {headers: [X-Session]}", ActionCatalog.builtIn().names());
      List<StepResult> streamed = new ArrayList<>();
      RunResult r;
      try (SkillEngine engine =
          new SkillEngine(
              ActionCatalog.builtIn(),
              SkillCatalog.of(List.of(skill)),
              env,
              EngineOptions.DEFAULT,
              policy)) {
        r =
            engine.run(
                new RunRequest("login", Optional.of("sbx"), Map.of()),
                new RunListener() {
                  @Override
                  public void stepFinished(StepResult result) {
                    streamed.add(result);
                  }
                });
      }
      assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
      // the secrets were really used during the run
      assertThat(env.received("auth").get(1).header("authorization")).isEqualTo("Bearer " + JWT);
      assertThat(r.forkLogs().get(0).lines()).hasSize(4);

      Reports.write(r, dir, SigningKeys.generate());
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.toList();
      }
      assertThat(files)
          .extracting(f -> f.getFileName().toString())
          .contains("report.json", "statement.json", "report.md", "junit.xml", "report.html");
      for (Path f : files) {
        String text = Files.readString(f);
        assertThat(text).as(f.toString()).doesNotContain(SECRETS);
      }
      String signedPayload =
          new String(
              java.util.Base64.getDecoder()
                  .decode(
                      new com.fasterxml.jackson.databind.ObjectMapper()
                          .readTree(dir.resolve("report.json").toFile())
                          .get("payload")
                          .asText()),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(signedPayload).doesNotContain(SECRETS).contains("[redacted]");
      assertThat(Files.readString(dir.resolve("statement.json"))).contains("[redacted]");
      assertThat(r.toString()).doesNotContain(SECRETS);
      assertThat(streamed.toString()).doesNotContain(SECRETS).contains("[redacted]");
      assertThat(r.outputs().get("token")).isEqualTo("[redacted]");
      StepResult log = r.steps().get(3);
      assertThat(log.logs().get(0).lines().get(0).text())
          .isEqualTo("issued [redacted] with Authorization: [redacted]");
    }
  }

  @Test
  void redactsTextValuesAndHeaders() {
    Redactor r = Redactor.DEFAULT;
    assertThat(r.text("Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Authorization: [redacted]");
    assertThat(r.text("{\"authorization\": \"x y\", \"ok\": 1}"))
        .isEqualTo("{\"authorization\": \"[redacted]\", \"ok\": 1}");
    assertThat(r.text("key=" + AWS + " end")).isEqualTo("key=[redacted] end");
    assertThat(r.text("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nok"))
        .isEqualTo("[redacted]\nok");
    assertThat(r.text("cut -----BEGIN PRIVATE KEY-----\nMIIE")).isEqualTo("cut [redacted]");
    assertThat(r.value(Map.of("Cookie", "a=1", "n", List.of("bearer abc.def"))))
        .isEqualTo(Map.of("Cookie", "[redacted]", "n", List.of("[redacted]")));
    assertThat(r.text("a plain line about cookies")).isEqualTo("a plain line about cookies");
  }

  @Test
  void withholdsAWholeTextThatAPolicyPatternCannotScan() {
    Redactor redactor =
        Redactor.of(
            java.util.Set.of(), java.util.List.of(java.util.regex.Pattern.compile("(a|b)*c")));
    String huge = "ab".repeat(100_000) + " secret";
    String out = redactor.text(huge);
    assertThat(out)
        .startsWith("[redacted] (200007 characters withheld: pattern (a|b)*c failed)")
        .doesNotContain("secret");
    assertThat(redactor.text("abc and more")).isEqualTo("[redacted] and more");
  }
}
