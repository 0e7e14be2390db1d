package dev.prooflane.routing.internal;

/**
 * The parts of a request target ({@code origin-form} or {@code absolute-form}) the router reads.
 */
final class Paths {
  private Paths() {}

  /** The query of {@code uri} without {@code ?}, or null when it has none. */
  static String rawQuery(String uri) {
    int question = uri.indexOf('?');
    if (question < 0) {
      return null;
    }
    int fragment = uri.indexOf('#', question);
    return fragment < 0 ? uri.substring(question + 1) : uri.substring(question + 1, fragment);
  }

  /**
   * The path of {@code uri}: up to {@code ?} or {@code #}, without the scheme and authority of an
   * absolute URI.
   */
  static String path(String uri) {
    int start = 0;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && uri.charAt(0) != '/') {
      int slash = uri.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "/";
      }
      start = slash;
    }
    int end = uri.length();
    for (int i = start; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    return uri.substring(start, end);
  }
}
