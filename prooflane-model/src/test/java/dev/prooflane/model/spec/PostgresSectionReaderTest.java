package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.Environment;
import dev.prooflane.model.PostgresSection;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code postgres:}: the server the daemon starts, or an existing one named by its URL. */
class PostgresSectionReaderTest {
  private static final Path FILE = Path.of("/work/prooflane.yaml");

  private static Environment read(String postgres) {
    return EnvironmentReader.parse(FILE, postgres + "services:\n  a: {command: run}\n");
  }

  private static SpecProblem problem(String postgres) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(postgres));
    assertThat(e).as("a SpecException for %s", postgres).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void readsEverySettingOfAServerTheDaemonStarts() {
    PostgresSection postgres =
        read("postgres:\n  port: 15432\n  timeout: 90s\n").postgres().orElseThrow();

    assertThat(postgres)
        .isEqualTo(new PostgresSection(15432, Duration.ofSeconds(90), Optional.empty()));
    assertThat(postgres.startsServer()).isTrue();
  }

  @Test
  void anEmptySectionIsAServerWithTheDefaults() {
    PostgresSection postgres = read("postgres:\n").postgres().orElseThrow();

    assertThat(postgres).isEqualTo(PostgresSection.started());
    assertThat(postgres.port()).isZero();
    assertThat(postgres.timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void anEnvironmentWithoutTheSectionHasNoServerAndNoDatabases() {
    Environment env = read("");

    assertThat(env.postgres()).isEmpty();
    assertThat(env.databases()).isEmpty();
  }

  @Test
  void urlNamesAnExistingServer() {
    PostgresSection postgres =
        read("postgres:\n  url: postgresql://admin:secret@db.internal:5432/postgres\n")
            .postgres()
            .orElseThrow();

    assertThat(postgres.url())
        .contains(URI.create("postgresql://admin:secret@db.internal:5432/postgres"));
    assertThat(postgres.startsServer()).isFalse();
  }

  @Test
  void aSettingOfTheStartedServerBesideUrlIsReportedAtItsLine() {
    SpecProblem p = problem("postgres:\n  url: postgresql://a:b@h:5432/postgres\n  timeout: 5s\n");

    assertThat(p.line()).isEqualTo(3);
    assertThat(p.field()).isEqualTo("postgres.timeout");
    assertThat(p.message()).contains("set with url").contains("remove timeout");
  }

  @Test
  void aUrlWithoutUserOrDatabaseIsReportedWithoutItsPassword() {
    SpecProblem noDatabase = problem("postgres:\n  url: postgresql://admin:secret@db:5432\n");
    SpecProblem noUser = problem("postgres:\n  url: postgresql://db:5432/postgres\n");
    SpecProblem otherScheme = problem("postgres:\n  url: mysql://a:b@db:3306/x\n");

    assertThat(noDatabase.field()).isEqualTo("postgres.url");
    assertThat(noDatabase.line()).isEqualTo(2);
    assertThat(noDatabase.message())
        .contains("admin:***@db")
        .doesNotContain("secret")
        .contains("expected: postgresql://user:password@host:port/database");
    assertThat(noUser.message()).contains("expected: postgresql://");
    assertThat(otherScheme.message()).contains("expected: postgresql://");
  }

  @Test
  void aPortOutOfRangeAndAnUnknownFieldAreReportedAtTheirLines() {
    SpecProblem port = problem("postgres:\n  port: 70000\n");
    SpecProblem unknown = problem("postgres:\n  prot: 5432\n");

    assertThat(port.line()).isEqualTo(2);
    assertThat(port.message()).contains("expected: 0 to 65535");
    assertThat(unknown.line()).isEqualTo(2);
    assertThat(unknown.message()).contains("did you mean 'port'?");
  }
}
