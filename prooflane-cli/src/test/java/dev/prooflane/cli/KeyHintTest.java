package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyHintTest {
  @Test
  void showsTheDefaultCarriers() {
    assertThat(KeyHint.of(KeyNames.DEFAULT, "k1"))
        .isEqualTo(
            "  curl -H 'baggage: prooflane-key=k1' <service URL from 'prooflane status'>\n"
                + "  (also read from: 'tracestate: prooflane-key=k1', 'x-prooflane-key: k1')\n");
  }

  @Test
  void showsTheNamesOfAnotherToolWhenTheEnvironmentUsesThem() {
    assertThat(KeyHint.of(KeyNames.compat("signadot").orElseThrow(), "k1"))
        .isEqualTo(
            "  curl -H 'baggage: sd-routing-key=k1' <service URL from 'prooflane status'>\n"
                + "  (also read from: 'tracestate: sd-routing-key=k1',"
                + " 'uberctx-sd-routing-key: k1')\n")
        .doesNotContain("prooflane-key");
  }

  @Test
  void aQueryParameterGoesIntoTheUrl() {
    assertThat(KeyHint.of(new KeyNames("", "", "", Optional.of("pk")), "k1"))
        .isEqualTo("  curl \"<service URL from 'prooflane status'>?pk=k1\"\n");
    assertThat(KeyHint.of(new KeyNames("", "", "", Optional.empty()), "k1")).isEmpty();
  }
}
