package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.Environment;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code databases:}: the baseline's databases and how each is initialised. */
class DatabasesSectionReaderTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void sqlFiles() throws IOException {
    file = dir.resolve("prooflane.yaml");
    Files.createDirectories(dir.resolve("sql"));
    Files.writeString(dir.resolve("sql/schema.sql"), "create table t (id int);\n");
    Files.writeString(dir.resolve("sql/seed.sql"), "insert into t values (1);\n");
  }

  private Environment read(String sections) {
    return EnvironmentReader.parse(file, sections + "services:\n  a: {command: run}\n");
  }

  private List<SpecProblem> problems(String sections) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(sections));
    assertThat(e).as("a SpecException for %s", sections).isNotNull();
    return e.problems();
  }

  @Test
  void readsSqlFilesInOrderResolvedAgainstTheEnvironmentFile() {
    Environment env =
        read(
            "postgres:\ndatabases:\n  orders:\n    init:\n      - sql/schema.sql\n"
                + "      - sql/seed.sql\n  audit:\n");

    assertThat(env.databases())
        .containsExactly(
            new DatabaseSection(
                "orders",
                new DatabaseInit.SqlFiles(
                    List.of(dir.resolve("sql/schema.sql"), dir.resolve("sql/seed.sql")))),
            new DatabaseSection("audit", DatabaseInit.NONE));
  }

  @Test
  void readsAnInitCommandWithItsEnvironment() {
    Environment env =
        read(
            "postgres:\ndatabases:\n  orders:\n    init:\n"
                + "      command: java -jar 'flyway cli.jar' migrate\n"
                + "      env: {FLYWAY_LOCATIONS: filesystem:sql}\n");

    assertThat(env.databases().get(0).init())
        .isEqualTo(
            new DatabaseInit.InitCommand(
                List.of("java", "-jar", "flyway cli.jar", "migrate"),
                Map.of("FLYWAY_LOCATIONS", "filesystem:sql")));
  }

  @Test
  void databasesWithoutAPostgresSectionNameTheFix() {
    List<SpecProblem> problems = problems("databases:\n  orders:\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("databases");
    assertThat(problems.get(0).line()).isEqualTo(2);
    assertThat(problems.get(0).message()).contains("without a postgres section").contains("add");
  }

  @Test
  void aMissingSqlFileIsReportedAtItsEntryWithTheResolvedPath() {
    List<SpecProblem> problems =
        problems("postgres:\ndatabases:\n  orders:\n    init: [sql/schema.sql, sql/nope.sql]\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo("databases.orders.init[1]");
    assertThat(problems.get(0).line()).isEqualTo(4);
    assertThat(problems.get(0).message()).contains(dir.resolve("sql/nope.sql").toString());
  }

  @Test
  void aBadOrReservedNameAnUnknownFieldAndACommandlessInitAreEachReportedAtTheirLines() {
    List<SpecProblem> problems =
        problems(
            "postgres:\ndatabases:\n  Orders:\n  stock:\n    inti: []\n"
                + "  pay:\n    init: {env: {A: b}}\n  postgres:\n");

    assertThat(problems)
        .extracting(SpecProblem::line, SpecProblem::field)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(3, "databases.Orders"),
            org.assertj.core.groups.Tuple.tuple(5, "databases.stock.inti"),
            org.assertj.core.groups.Tuple.tuple(7, "databases.pay.init"),
            org.assertj.core.groups.Tuple.tuple(8, "databases.postgres"));
    assertThat(problems.get(0).message()).contains("expected: a lowercase letter");
  }

  @Test
  void servicesNameADatabaseAndItsPartsInPlaceholders() {
    Environment env =
        EnvironmentReader.parse(
            file,
            "postgres:\ndatabases:\n  orders:\nservices:\n  a:\n    command: run"
                + " ${databases.orders.jdbc}\n    env: {DB: \"${databases.orders.url}\"}\n");
    assertThat(env.service("a").env()).containsEntry("DB", "${databases.orders.url}");

    String head = "postgres:\ndatabases:\n  orders:\nservices:\n  a:\n    command: run ";
    assertThat(
            catchThrowableOfType(
                    SpecException.class,
                    () -> EnvironmentReader.parse(file, head + "${databases.order.url}\n"))
                .problems())
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .contains("no database 'order' in the databases: section (known: orders)"));
    assertThat(
            catchThrowableOfType(
                    SpecException.class,
                    () -> EnvironmentReader.parse(file, head + "${databases.orders.uri}\n"))
                .problems())
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .contains("no part 'uri' (expected: url, jdbc, host, port, name, user"));
  }
}
