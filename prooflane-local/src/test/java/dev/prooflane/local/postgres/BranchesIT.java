package dev.prooflane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.BranchMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The branch engine against a real PostgreSQL server (one for the module's tests). */
@ExtendWith(SharedPostgres.class)
class BranchesIT {
  /**
   * Creates a database {@code name} with a table of two orders, an identity column and a view;
   * returns the server's branch engine.
   */
  private static Branches source(PostgresServer server, String name) throws SQLException {
    Sql.run(server, "postgres", "CREATE DATABASE " + name);
    Sql.run(
        server,
        name,
        "CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item text NOT NULL)",
        "CREATE TABLE lines (order_id int REFERENCES orders(id), qty int)",
        "CREATE VIEW big AS SELECT * FROM lines WHERE qty > 1",
        "INSERT INTO orders (item) VALUES ('book'), ('pen')",
        "INSERT INTO lines VALUES (1, 3)");
    return server.branches();
  }

  private static List<String> items(PostgresServer server, String database) throws SQLException {
    return Sql.column(server, database, "SELECT item FROM orders ORDER BY id");
  }

  @Test
  void copyHasTheRowsSchemaTheTablesWithoutRowsEmptyNothing(PostgresServer server)
      throws SQLException {
    Branches branches = source(server, "modes");

    Branch copy = branches.create("modes", "modes__copy", BranchMode.COPY);
    Branch schema = branches.create("modes", "modes__schema", BranchMode.SCHEMA);
    Branch empty = branches.create("modes", "modes__empty", BranchMode.EMPTY);

    assertThat(items(server, "modes__copy")).containsExactly("book", "pen");
    assertThat(items(server, "modes__schema")).isEmpty();
    assertThat(Sql.column(server, "modes__schema", "SELECT count(*) FROM big"))
        .containsExactly("0");
    Sql.run(server, "modes__schema", "INSERT INTO orders (item) VALUES ('new')");
    assertThat(Sql.column(server, "modes__schema", "SELECT id FROM orders"))
        .as("the identity restarts")
        .containsExactly("1");
    assertThat(
            Sql.column(
                server,
                "modes__empty",
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        .isEmpty();
    assertThat(List.of(copy, schema, empty))
        .allSatisfy(
            b -> {
              assertThat(b.source()).isEqualTo("modes");
              assertThat(b.sizeBytes()).isPositive();
              assertThat(b.took()).isPositive();
              assertThat(b.disconnected()).isZero();
            });
    assertThat(copy.mode()).isEqualTo(BranchMode.COPY);
    assertThat(branches.size("modes__copy")).isEqualTo(copy.sizeBytes());
  }

  @Test
  void writesOnABranchAreInvisibleInTheSourceAndInAnotherBranch(PostgresServer server)
      throws SQLException {
    Branches branches = source(server, "iso");
    branches.create("iso", "iso__a", BranchMode.COPY);
    branches.create("iso", "iso__b", BranchMode.COPY);

    Sql.run(server, "iso__a", "INSERT INTO orders (item) VALUES ('only-a')", "DELETE FROM lines");

    assertThat(items(server, "iso__a")).containsExactly("book", "pen", "only-a");
    assertThat(items(server, "iso")).containsExactly("book", "pen");
    assertThat(items(server, "iso__b")).containsExactly("book", "pen");
    assertThat(Sql.column(server, "iso", "SELECT count(*) FROM lines")).containsExactly("1");
  }

  @Test
  void copyOfASourceWithAnOpenConnectionEndsThatSessionAndAllowsConnectionsAgain(
      PostgresServer server) throws SQLException {
    source(server, "busy");
    try (Connection service = server.admin().connect("busy")) {
      assertThat(service.isValid(2)).isTrue();

      Branch copy = server.branches().create("busy", "busy__pr_1", BranchMode.COPY);

      assertThat(copy.disconnected()).isEqualTo(1);
      assertThat(service.isValid(2)).as("the service's connection was ended").isFalse();
    }
    assertThat(items(server, "busy__pr_1")).containsExactly("book", "pen");
    assertThat(items(server, "busy")).as("the source takes connections again").hasSize(2);
    assertThat(
            Sql.column(
                server, "postgres", "SELECT datallowconn FROM pg_database WHERE datname = 'busy'"))
        .containsExactly("t");
  }

  @Test
  void copyOfASourceWithAnOpenConnectionFailsWithTheCauseWhenToldTo(PostgresServer server)
      throws SQLException {
    source(server, "held");
    Branches failing = new Branches(server.admin(), TemplateInUse.FAIL);
    try (Connection service = server.admin().connect("held")) {
      PostgresException e =
          catchThrowableOfType(
              PostgresException.class, () -> failing.create("held", "held__pr_2", BranchMode.COPY));

      assertThat(e.getMessage())
          .contains("held")
          .contains("being accessed by 1 other session(s)")
          .contains("prooflane pid")
          .contains("TemplateInUse.DISCONNECT");
      assertThat(service.isValid(2)).as("the service keeps its connection").isTrue();
    }
    assertThat(Sql.databases(server)).doesNotContain("held__pr_2");
  }

  @Test
  void dropLeavesNothingAndRefusesADatabaseThatIsNotABranch(PostgresServer server)
      throws SQLException {
    Branches branches = source(server, "drops");
    branches.create("drops", "drops__gone", BranchMode.COPY);
    try (Connection open = server.admin().connect("drops__gone")) {
      assertThat(open.isValid(2)).isTrue();
      assertThat(branches.drop("drops__gone")).as("despite its open session").isTrue();
    }

    assertThat(Sql.databases(server)).doesNotContain("drops__gone").contains("drops");
    assertThat(branches.drop("drops__gone")).as("already gone").isFalse();
    PostgresException e =
        catchThrowableOfType(PostgresException.class, () -> branches.drop("drops"));
    assertThat(e.getMessage()).contains("drops is not a branch");
    assertThat(Sql.databases(server)).contains("drops");
  }

  @Test
  void listFindsTheBranchesWithAFreshEngineAsAfterARestart(PostgresServer server)
      throws SQLException {
    source(server, "listed");
    server.branches().create("listed", "listed__one", BranchMode.COPY);
    server.branches().create("listed", "listed__two", BranchMode.SCHEMA);

    List<Branch> found =
        new Branches(server.admin())
            .list().stream().filter(b -> b.source().equals("listed")).toList();

    assertThat(found)
        .extracting(Branch::name, Branch::mode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("listed__one", BranchMode.COPY),
            org.assertj.core.groups.Tuple.tuple("listed__two", BranchMode.SCHEMA));
    assertThat(found).allSatisfy(b -> assertThat(b.sizeBytes()).isPositive());
    assertThat(new Branches(server.admin()).list())
        .extracting(Branch::name)
        .doesNotContain("listed");
  }

  @Test
  void aCreationThatFailsLeavesNothingAndGivesTheDatabasesOwnMessage(PostgresServer server)
      throws SQLException {
    source(server, "guarded");
    Sql.run(
        server,
        "guarded",
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$BEGIN RAISE EXCEPTION 'orders may not be truncated'; END$$",
        "CREATE TRIGGER keep BEFORE TRUNCATE ON orders EXECUTE FUNCTION refuse()");
    Branches branches = server.branches();

    PostgresException schema =
        catchThrowableOfType(
            PostgresException.class,
            () -> branches.create("guarded", "guarded__s", BranchMode.SCHEMA));
    PostgresException missing =
        catchThrowableOfType(
            PostgresException.class, () -> branches.create("nope", "nope__x", BranchMode.COPY));

    assertThat(schema.getMessage())
        .contains("orders may not be truncated")
        .contains("half-made branch was dropped");
    assertThat(missing.getMessage()).contains("\"nope\" does not exist");
    assertThat(Sql.databases(server)).doesNotContain("guarded__s", "nope__x");
  }

  @Test
  void aBranchThatExistsAlreadyIsRefusedAndKept(PostgresServer server) throws SQLException {
    Branches branches = source(server, "twice");
    branches.create("twice", "twice__pr", BranchMode.COPY);
    Sql.run(server, "twice__pr", "INSERT INTO orders (item) VALUES ('mine')");

    PostgresException e =
        catchThrowableOfType(
            PostgresException.class, () -> branches.create("twice", "twice__pr", BranchMode.EMPTY));

    assertThat(e.getMessage()).contains("already exists");
    assertThat(items(server, "twice__pr")).contains("mine");
  }
}
