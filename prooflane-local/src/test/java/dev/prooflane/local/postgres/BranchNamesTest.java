package dev.prooflane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.BranchMode;
import org.junit.jupiter.api.Test;

/** Branch names derived from a database and a sandbox. */
class BranchNamesTest {
  @Test
  void joinsTheDatabaseAndTheSandboxWithItsDashesAsUnderscores() {
    assertThat(Branches.name("orders", "pr-42")).isEqualTo("orders__pr_42");
  }

  @Test
  void aLongNameIsCutTo63BytesAndStaysDistinct() {
    String sandbox = "a-very-long-sandbox-name-that-goes-on-and-on-for-sixty-chars";
    String one = Branches.name("inventory_and_stock_levels", sandbox + "1");
    String two = Branches.name("inventory_and_stock_levels", sandbox + "2");

    assertThat(one).hasSizeLessThanOrEqualTo(63).startsWith("inventory_and_stock_levels__a_very");
    assertThat(two).hasSizeLessThanOrEqualTo(63);
    assertThat(one).isNotEqualTo(two);
    assertThat(one).matches("[a-z][a-z0-9_]{0,62}");
  }

  @Test
  void aNameThatIsNotAnIdentifierIsRefusedBeforeAnyStatement() {
    Branches branches = new Branches(new AdminLogin("127.0.0.1", 1, "postgres", "u", ""));

    assertThatThrownBy(() -> branches.create("orders", "Orders; DROP", BranchMode.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: a lowercase letter");
    assertThatThrownBy(() -> branches.create("orders", "orders", BranchMode.COPY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another name than its source's");
  }
}
