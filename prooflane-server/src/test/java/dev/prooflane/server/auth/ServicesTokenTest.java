package dev.prooflane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.local.StateFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTokenTest {
  @TempDir Path dir;

  @Test
  void aRenewalRevokesThePreviousServicesTokenAndLeavesOthersAlone() {
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      String other = store.create("ci", EnumSet.of(Scope.SANDBOX_READ)).secret();
      List<String> recorded = new ArrayList<>();
      String first = ServicesToken.renew(store, (event, token) -> recorded.add(event));

      String second =
          ServicesToken.renew(
              store, (event, token) -> recorded.add(event + " " + token.scopeNames()));

      assertThat(store.authenticate(first)).isEmpty();
      assertThat(store.authenticate(second))
          .map(Token::scopes)
          .hasValue(EnumSet.of(Scope.SANDBOX_READ, Scope.HOPS_WRITE));
      assertThat(store.authenticate(other)).isPresent();
      assertThat(recorded)
          .containsExactly(
              "token.created",
              "token.revoked [hops:write, sandbox:read]",
              "token.created [hops:write, sandbox:read]");
    }
  }

  @Test
  void aRecordThatFailsStopsTheChange() {
    try (TokenStore store = TokenStore.open(StateFolder.of(dir))) {
      String first = ServicesToken.renew(store, (event, token) -> {});

      assertThatThrownBy(
              () ->
                  ServicesToken.renew(
                      store,
                      (event, token) -> {
                        throw new IllegalStateException("disk full");
                      }))
          .hasMessage("disk full");
      assertThat(store.authenticate(first)).isPresent();
      assertThat(store.list()).hasSize(1);
    }
  }
}
