package dev.prooflane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    try (TokenStore store = TokenStore.open(dir)) {
      TokenStore.Issued issued = store.create("ci", EnumSet.of(Scope.SANDBOX_READ));
      secret = issued.secret();
      assertThat(secret).startsWith("pl_").hasSize(3 + 43);
      assertThat(store.create("ci2", EnumSet.of(Scope.SANDBOX_READ)).secret()).isNotEqualTo(secret);
      assertThat(store.authenticate(secret)).map(Token::name).hasValue("ci");
      assertThat(store.authenticate(secret + "x")).isEmpty();
      assertThat(store.authenticate("not-a-token")).isEmpty();
    }
    byte[] file = Files.readAllBytes(dir.resolve(TokenStore.FILE));
    assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(3));
    try (TokenStore reopened = TokenStore.open(dir)) {
      assertThat(reopened.authenticate(secret))
          .map(Token::scopes)
          .hasValue(java.util.Set.of(Scope.SANDBOX_READ));
    }
  }

  @Test
  void aRevokedTokenAuthenticatesNothingAndStaysListed() {
    try (TokenStore store = TokenStore.open(dir)) {
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
  void adminGrantsEveryScopeAndOtherScopesOnlyThemselves() {
    assertThat(Scope.SKILL_RUN.grantedBy(EnumSet.of(Scope.POLICY_ADMIN))).isTrue();
    assertThat(Scope.SANDBOX_WRITE.grantedBy(EnumSet.of(Scope.SANDBOX_READ))).isFalse();
    assertThat(Scope.of("sandbox:read")).isEqualTo(Scope.SANDBOX_READ);
    assertThatThrownBy(() -> Scope.of("root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sandbox:read, sandbox:write, skill:run, policy:admin");
  }

  @Test
  void firstStartWritesTheAdminTokenWithMode600AndPrintsItOnce() throws Exception {
    List<String> printed = new ArrayList<>();
    try (TokenStore store = TokenStore.open(dir)) {
      AdminTokenFile.ensure(store, dir, printed::add);
      String admin = AdminTokenFile.read(dir).orElseThrow();
      assertThat(Files.getPosixFilePermissions(dir.resolve(AdminTokenFile.FILE)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(printed).singleElement().asString().contains(admin);
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
}
