package dev.prooflane.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseLoginTest {
  @Test
  void jdbcUrlNamesHostPortAndDatabaseWithoutTheCredentials() {
    DatabaseLogin login =
        new DatabaseLogin("127.0.0.1", 5432, "orders__pr_7", "app", "s3cret", true);

    assertThat(login.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/orders__pr_7");
  }

  @Test
  void anIpv6HostStandsInBracketsInTheUrl() {
    DatabaseLogin login = new DatabaseLogin("::1", 5432, "orders", "app", "", false);

    assertThat(login.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/orders");
  }

  @Test
  void toStringNeverShowsThePassword() {
    DatabaseLogin login = new DatabaseLogin("db.internal", 6543, "orders", "app", "s3cret", false);

    assertThat(login.toString())
        .isEqualTo("DatabaseLogin[app@db.internal:6543/orders, baseline]")
        .doesNotContain("s3cret");
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingIt() {
    assertThatThrownBy(() -> new DatabaseLogin("h", 0, "orders", "app", "", false))
        .hasMessage("port: 0 (expected: 1 to 65535)");
  }
}
