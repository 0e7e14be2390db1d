package dev.prooflane.server.json;

import java.util.List;

/**
 * The answer of {@code GET /sandboxes}.
 *
 * @param sandboxes the sandboxes asked for: those the filter matched, from the offset, at most the
 *     limit
 * @param total how many sandboxes there are
 * @param matched how many the filter matched
 */
public record SandboxList(List<SandboxView> sandboxes, int total, int matched) {
  /** Every sandbox, unfiltered. */
  public SandboxList(List<SandboxView> sandboxes) {
    this(sandboxes, sandboxes.size(), sandboxes.size());
  }
}
