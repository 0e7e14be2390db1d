package dev.prooflane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.StateFolder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserSessionsTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void aCodeWorksOnceWithinItsLifetimeAndItsSessionEndsAfterTwelveHours() {
    Moving clock = new Moving();
    try (TokenStore tokens = TokenStore.open(StateFolder.of(dir))) {
      Token token = tokens.create("dev", EnumSet.of(Scope.SANDBOX_READ)).token();
      BrowserSessions sessions = new BrowserSessions(tokens, clock);

      BrowserSessions.Code code = sessions.link(token);
      assertThat(code.expiresAt()).isEqualTo(clock.now.plus(Duration.ofMinutes(2)));
      Optional<String> session = sessions.redeem(code.code());
      assertThat(session).isPresent();
      assertThat(sessions.redeem(code.code())).isEmpty();
      assertThat(sessions.authenticate(session.get())).map(Token::name).hasValue("dev");

      BrowserSessions.Code late = sessions.link(token);
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      assertThat(sessions.redeem(late.code())).isEmpty();

      clock.now = clock.now.plus(Duration.ofHours(12));
      assertThat(sessions.authenticate(session.get())).isEmpty();
      assertThat(sessions.authenticate("made-up")).isEmpty();
      assertThat(sessions.redeem(null)).isEmpty();
    }
  }

  @Test
  void aRevokedTokensCodeAndSessionsAuthenticateNothing() {
    try (TokenStore tokens = TokenStore.open(StateFolder.of(dir))) {
      Token token = tokens.create("dev", EnumSet.of(Scope.SANDBOX_READ)).token();
      BrowserSessions sessions = new BrowserSessions(tokens);
      String session = sessions.redeem(sessions.link(token).code()).orElseThrow();
      BrowserSessions.Code unused = sessions.link(token);

      tokens.revoke(token.id());

      assertThat(sessions.authenticate(session)).isEmpty();
      assertThat(sessions.redeem(unused.code())).isEmpty();
    }
  }
}
