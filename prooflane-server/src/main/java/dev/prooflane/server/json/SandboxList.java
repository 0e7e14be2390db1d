package dev.prooflane.server.json;

import java.util.List;

/**
 * The answer of {@code GET /sandboxes}.
 *
 * @param sandboxes every sandbox, by name
 */
public record SandboxList(List<SandboxView> sandboxes) {}
