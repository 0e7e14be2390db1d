package dev.prooflane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoutingKeyTest {
  @Test
  void generatedKeysAreShortAndValid() {
    RoutingKey key = RoutingKey.generate();
    assertThat(key.value()).hasSize(12).matches("[a-z0-9]+");
    assertThat(RoutingKey.generate()).isNotEqualTo(key);
  }

  @Test
  void keysThatCouldInjectHeadersAreRefused() {
    assertThat(RoutingKey.isValid("a\r\nx-evil: 1")).isFalse();
    assertThat(RoutingKey.isValid("a,b")).isFalse();
    assertThat(RoutingKey.isValid("x".repeat(65))).isFalse();
    assertThatThrownBy(() -> new RoutingKey("a b")).hasMessageContaining("expected: 1 to 64");
  }
}
