package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropBoundsTest {

  private static final StackTraceElement SITE =
      new StackTraceElement("shop.Catalog", "item", "Catalog.java", 12);
  private static final StackTraceElement OTHER =
      new StackTraceElement("shop.Catalog", "item", "Catalog.java", 13);

  @Test
  void admitsAsManyRecordsPerCallSiteAndTraceAsConfigured() {
    DropBounds bounds = new DropBounds(2);

    assertThat(bounds.admit(SITE, "t1")).isTrue();
    assertThat(bounds.admit(SITE, "t1")).isTrue();
    assertThat(bounds.admit(SITE, "t1")).isFalse();
    assertThat(bounds.admit(SITE, "t2")).isTrue();
    assertThat(bounds.admit(OTHER, "t1")).isTrue();
    assertThat(bounds.admit(null, null)).isTrue();
  }

  @Test
  void forgetsEverythingPastItsSizeRatherThanGrowing() {
    DropBounds bounds = new DropBounds(1);
    bounds.admit(SITE, "first");

    for (int i = 0; i < DropBounds.MAX_ENTRIES; i++) {
      bounds.admit(SITE, "t" + i);
    }

    assertThat(bounds.admit(SITE, "first")).isTrue();
  }
}
