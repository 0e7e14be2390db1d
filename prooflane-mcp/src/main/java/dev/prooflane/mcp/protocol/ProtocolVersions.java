package dev.prooflane.mcp.protocol;

import java.util.List;

/** The MCP versions this server speaks, and how one is agreed on at initialization. */
public final class ProtocolVersions {
  /** Newest first: the ones the official SDKs send. */
  public static final List<String> SUPPORTED =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  private ProtocolVersions() {}

  /** The client's version when this server speaks it, else the newest this server speaks. */
  static String negotiate(String requested) {
    return SUPPORTED.contains(requested) ? requested : SUPPORTED.get(0);
  }

  /** Whether {@code version} is one this server speaks. */
  public static boolean supported(String version) {
    return SUPPORTED.contains(version);
  }
}
