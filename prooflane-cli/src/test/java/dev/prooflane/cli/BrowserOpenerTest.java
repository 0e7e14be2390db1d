package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The desktop's opener: chosen per system, and a missing or failing one said, not thrown. */
class BrowserOpenerTest {
  @Test
  void choosesTheOpenerOfTheSystem() {
    assertThat(BrowserOpener.forSystem("Linux").program()).isEqualTo("xdg-open");
    assertThat(BrowserOpener.forSystem("Mac OS X").program()).isEqualTo("open");
    assertThat(BrowserOpener.forSystem("Windows 11").program()).isEqualTo("rundll32");
  }

  @Test
  void saysWhenTheOpenerIsMissing() {
    assertThat(new BrowserOpener(List.of("no-such-opener-here")).open("http://127.0.0.1:1/ui/"))
        .hasValueSatisfying(why -> assertThat(why).startsWith("no-such-opener-here could not run"));
  }

  @Test
  void saysWhenTheOpenerFailsAndNotWhenItWorks() {
    assertThat(new BrowserOpener(List.of("false")).open("http://127.0.0.1:1/ui/"))
        .hasValue("false exited with 1");
    assertThat(new BrowserOpener(List.of("true")).open("http://127.0.0.1:1/ui/")).isEmpty();
  }
}
