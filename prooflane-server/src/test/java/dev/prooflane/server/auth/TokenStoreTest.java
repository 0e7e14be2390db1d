package dev.prooflane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.local.StateFolder;
import dev.prooflane.model.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
  @TempDir Path dir;

  @Test
  void issuesRandomPrefixedSecretsAndStoresOnlyTheirHashes() throws Exception {
    String secret;
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      TokenStore.Issued issued = store.create("ci", EnumSet.of(Scope.SANDBOX_READ));
      secret = issued.secret();
      assertThat(secret).startsWith("pl_").hasSize(3 + 43);
      assertThat(store.create("ci2", EnumSet.of(Scope.SANDBOX_READ)).secret()).isNotEqualTo(secret);
      assertThat(store.authenticate(secret)).map(Token::name).hasValue("ci");
      assertThat(store.authenticate(secret + "x")).isEmpty();
      assertThat(store.authenticate("not-a-token")).isEmpty();
    }
    byte[] file = Files.readAllBytes(StateFolder.of(dir).tokens());
    assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(3));
    try (TokenStore reopened = TokenStore.open(StateFolder.of(dir))) {
      assertThat(reopened.authenticate(secret))
          .map(Token::scopes)
          .hasValue(java.util.Set.of(Scope.SANDBOX_READ));
    }
  }

  @Test
  void aRevokedTokenAuthenticatesNothingAndStaysListed() {
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      TokenStore.Issued issued = store.create("ci", EnumSet.of(Scope.SKILL_RUN));
      assertThat(store.revoke(issued.token().id()).revoked()).isTrue();
      assertThat(store.authenticate(issued.secret())).isEmpty();
      assertThat(store.list()).singleElement().satisfies(t -> assertThat(t.revoked()).isTrue());
      assertThatThrownBy(() -> store.revoke("nope"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("token 'nope' not found");
    }
  }

  @Test
  void anExpiredTokenAuthenticatesNothingAndTheExpiryOutlivesARestart() {
    TokenStore.Issued issued;
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      issued =
          store.create(
              "agent",
              EnumSet.of(Scope.SKILL_RUN),
              java.util.Optional.of(java.time.Duration.ofHours(8)));
      java.time.Instant expiry = issued.token().expiresAt();
      assertThat(expiry).isEqualTo(issued.token().createdAt().plus(java.time.Duration.ofHours(8)));
      assertThat(store.authenticate(issued.secret(), expiry.minusSeconds(1))).isPresent();
      assertThat(store.authenticate(issued.secret(), expiry)).isEmpty();
      assertThatThrownBy(
              () ->
                  store.create(
                      "x",
                      EnumSet.of(Scope.SKILL_RUN),
                      java.util.Optional.of(java.time.Duration.ZERO)))
          .hasMessageContaining("expiresIn");
    }
    try (TokenStore reopened = TokenStore.open(StateFolder.of(dir))) {
      Token token = reopened.list().get(0);
      assertThat(token.expiresAt()).isEqualTo(issued.token().expiresAt());
      assertThat(reopened.authenticate(issued.secret(), token.expiresAt().plusSeconds(1)))
          .isEmpty();
    }
  }

  @Test
  void opensAStoreMadeBeforeTokensCouldExpire() throws Exception {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + StateFolder.of(dir).tokens());
        java.sql.Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, scopes TEXT NOT NULL,"
              + " hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL,"
              + " revoked INTEGER NOT NULL DEFAULT 0)");
      s.execute(
          "INSERT INTO tokens (id, name, scopes, hash, created_at) VALUES ('a1', 'old',"
              + " 'sandbox:read', x'00', '2026-01-01T00:00:00Z')");
    }
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      assertThat(store.list())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.name()).isEqualTo("old");
                assertThat(t.expiresAt()).isNull();
              });
      assertThat(store.create("new", EnumSet.of(Scope.SKILL_RUN)).token().expiresAt()).isNull();
    }
  }

  @Test
  void adminGrantsEveryScopeAndOtherScopesOnlyThemselves() {
    assertThat(Scope.SKILL_RUN.grantedBy(EnumSet.of(Scope.POLICY_ADMIN))).isTrue();
    assertThat(Scope.SANDBOX_WRITE.grantedBy(EnumSet.of(Scope.SANDBOX_READ))).isFalse();
    assertThat(Scope.of("sandbox:read")).isEqualTo(Scope.SANDBOX_READ);
    assertThatThrownBy(() -> Scope.of("root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sandbox:read, sandbox:write, skill:run, policy:admin");
  }

  @Test
  void firstStartWritesTheAdminTokenWithMode600AndSaysWhereNeverWhat() throws Exception {
    List<String> printed = new ArrayList<>();
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      AdminTokenFile.ensure(store, dir, printed::add);
      String admin = AdminTokenFile.read(dir).orElseThrow();
      assertThat(Files.getPosixFilePermissions(StateFolder.of(dir).adminToken()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(printed)
          .singleElement()
          .asString()
          .doesNotContain(admin)
          .doesNotContain(TokenStore.PREFIX)
          .contains("stored in " + StateFolder.of(dir).adminToken())
          .contains("show it with: cat " + StateFolder.of(dir).adminToken());
      assertThat(store.authenticate(admin).orElseThrow().scopes()).containsOnly(Scope.POLICY_ADMIN);

      AdminTokenFile.ensure(store, dir, printed::add);
      assertThat(printed).hasSize(1);
      assertThat(AdminTokenFile.read(dir)).hasValue(admin);

      store.revoke(store.authenticate(admin).orElseThrow().id());
      AdminTokenFile.ensure(store, dir, printed::add);
      assertThat(printed).hasSize(2);
      assertThat(AdminTokenFile.read(dir).orElseThrow()).isNotEqualTo(admin);
    }
  }

  @Test
  void refusesATokenNameThatIsNotADnsLabel() {
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      for (String bad : List.of("CI bot", "", "-ci", "ci-", "a".repeat(64), "ci/prod", "Ci")) {
        assertThatThrownBy(() -> store.create(bad, EnumSet.of(Scope.SANDBOX_READ)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "name: '"
                    + bad
                    + "' (expected: 1 to 63 lowercase letters, digits or '-', starting and ending"
                    + " with a letter or digit)");
      }
      assertThat(store.list()).isEmpty();
      assertThat(store.create("ci-2", EnumSet.of(Scope.SANDBOX_READ)).token().name())
          .isEqualTo("ci-2");
    }
  }
}
