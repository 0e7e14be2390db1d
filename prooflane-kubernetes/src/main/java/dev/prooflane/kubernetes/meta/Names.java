package dev.prooflane.kubernetes.meta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the objects and routes Prooflane creates, kept within Kubernetes' 63-character limit.
 */
public final class Names {
  /** The longest DNS label, Service name and label value. */
  public static final int MAX = 63;

  private static final String ROUTE_PREFIX = "prooflane-";

  private Names() {}

  /** {@code <base>-<sandbox>}, shortened with a hash suffix when it would be too long. */
  public static String fork(String base, String sandbox) {
    return fit(base + "-" + sandbox);
  }

  /**
   * The name of the first route a sandbox adds to a VirtualService: {@code prooflane-<sandbox>}.
   */
  public static String route(String sandbox) {
    return ROUTE_PREFIX + sandbox;
  }

  /** The name of the {@code n}-th (from 1) route a sandbox adds to one VirtualService. */
  public static String route(String sandbox, int n) {
    return n <= 1 ? route(sandbox) : route(sandbox) + ":" + n;
  }

  /** Whether {@code routeName} is one of the routes {@code sandbox} adds. */
  public static boolean isRouteOf(String routeName, String sandbox) {
    return routeName != null
        && (routeName.equals(route(sandbox)) || routeName.startsWith(route(sandbox) + ":"));
  }

  /** Whether {@code routeName} is a route any sandbox adds. */
  public static boolean isSandboxRoute(String routeName) {
    return routeName != null && routeName.startsWith(ROUTE_PREFIX);
  }

  /** {@code text} when it fits in 63 characters, else a prefix and 8 hex digits of its hash. */
  public static String fit(String text) {
    if (text.length() <= MAX) {
      return text;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      String suffix = HexFormat.of().formatHex(hash, 0, 4);
      String head = text.substring(0, MAX - suffix.length() - 1);
      while (head.endsWith("-") || head.endsWith(".") || head.endsWith("_")) {
        head = head.substring(0, head.length() - 1);
      }
      return head + "-" + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
