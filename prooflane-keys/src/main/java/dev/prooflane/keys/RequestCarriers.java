package dev.prooflane.keys;

import java.util.List;

/**
 * The parts of a request a routing key can travel in, so extraction does not depend on one HTTP
 * library.
 */
public interface RequestCarriers {

  /**
   * Every value of header {@code lowerCaseName} in arrival order, or an empty list; called for
   * names in lower case.
   */
  List<String> headers(String lowerCaseName);

  /** The raw (still percent-encoded) query string without {@code ?}, or null if there is none. */
  String rawQuery();
}
