package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.ui.UiExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prooflane ui} against a real daemon with the dashboard: its link signs a browser in once.
 */
class UiCommandIT {
  @TempDir static Path dir;
  private static Daemon daemon;
  private static final HttpClient HTTP = HttpClient.newHttpClient(); // follows no redirect

  @BeforeAll
  static void start() throws Exception {
    daemon =
        Daemon.start(
            EchoEnvironment.single(dir),
            dir.resolve("state"),
            "127.0.0.1",
            0,
            Optional.empty(),
            line -> {},
            List.of(new UiExtension()));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void printsAOneTimeLinkThatSetsTheSessionCookie() throws Exception {
    CliRun.Result ui = CliRun.run("ui", "--state-dir", dir.resolve("state").toString());

    assertThat(ui.exitCode()).as(ui.err()).isZero();
    String url = ui.out().strip();
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/ui/login\\?code=\\S+");
    assertThat(ui.err()).contains("works once");
    HttpResponse<String> login = get(url);
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/ui/");
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c -> assertThat(c).startsWith("prooflane_session=").containsIgnoringCase("HttpOnly"));
    HttpResponse<String> again = get(url);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).contains("prooflane ui");
    assertThat(get(url.substring(0, url.indexOf("/ui/")) + "/ui/").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutADaemonSaysHowToStartOne() {
    CliRun.Result ui = CliRun.run("ui", "--state-dir", dir.resolve("nothing").toString());

    assertThat(ui.exitCode()).isEqualTo(ExitCode.STATE);
    assertThat(ui.err()).contains("no daemon is running").contains("prooflane up");
  }
}
