package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regressions found by {@link PolicyReaderPropertiesTest}, one plain example each. */
class PolicyReaderHostileInputTest {
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();
  private static final String LONG_HOST = "a.".repeat(400_000) + "a";

  /** HostRule's pattern recursed once per label: a long host overflowed the stack. */
  @ParameterizedTest
  @ValueSource(strings = {"http:\n  allow: ['%s']\n", "http:\n  allow:\n    - {host: '%s'}\n"})
  void aHostLongerThanDnsAllowsIsAProblemNotAStackOverflow(String policy) {
    assertThatThrownBy(
            () -> PolicyReader.parse("policy.yaml", policy.formatted(LONG_HOST), ACTIONS))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.line()).isGreaterThan(1);
                          assertThat(p.field()).startsWith("http.allow[0]");
                          assertThat(p.message()).contains("at most 253");
                        }));
  }

  @Test
  void aHostOf253CharactersIsReadAndOf254IsNot() {
    String host = ("a".repeat(62) + ".").repeat(4) + "a";
    assertThat(host).hasSize(253);

    Policy policy = PolicyReader.parse("policy.yaml", "http: {allow: [" + host + "]}", ACTIONS);

    assertThat(policy.egress().allow()).extracting(HostRule::host).containsExactly(host);
    assertThatThrownBy(
            () -> PolicyReader.parse("policy.yaml", "http: {allow: [a" + host + "]}", ACTIONS))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("a host of 254 characters");
  }

  /** EgressReader returned null for an Optional when an entry had no host. */
  @Test
  void anAllowEntryWithoutAHostIsAProblemNotANullPointerException() {
    assertThatThrownBy(
            () ->
                PolicyReader.parse(
                    "policy.yaml", "http:\n  allow:\n    - {ports: [80]}\n", ACTIONS))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.line()).isEqualTo(3);
                          assertThat(p.field()).isEqualTo("http.allow[0]");
                          assertThat(p.message()).startsWith("missing field 'host'");
                        }));
  }

  /**
   * A redaction pattern long enough to compile but not to match: java.util.regex recursed once per
   * element and overflowed the stack on matcher("").matches() (and would on every redaction).
   */
  @Test
  void aRedactionPatternLongerThan1000CharactersIsAProblemNotAStackOverflow() {
    String policy = "redact:\n  patterns: ['" + "a?".repeat(50_000) + "b']\n";

    assertThatThrownBy(() -> PolicyReader.parse("policy.yaml", policy, ACTIONS))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.line()).isEqualTo(2);
                          assertThat(p.field()).isEqualTo("redact.patterns[0]");
                          assertThat(p.message()).startsWith("a pattern of 100001 characters");
                        }));
  }

  @Test
  void aRedactionPatternOf1000CharactersIsRead() {
    String pattern = "tok_" + "[0-9a-f]".repeat(124) + "x".repeat(4);
    assertThat(pattern).hasSize(1000);

    Policy policy =
        PolicyReader.parse("policy.yaml", "redact: {patterns: ['" + pattern + "']}", ACTIONS);

    assertThat(policy.redactor().patterns()).extracting(Object::toString).contains(pattern);
  }
}
