package dev.prooflane.model.spec;

import java.util.List;
import java.util.Map;

/**
 * The fields of a section that only make sense for a server the daemon starts ({@code port}, {@code
 * timeout}, ...), refused beside the field that names an existing server instead ({@code
 * bootstrap}, {@code url}).
 */
final class ExternalServerFields {
  private ExternalServerFields() {}

  /**
   * Reports each of {@code startedOnly} present in {@code fields} beside {@code external}; returns
   * whether there was none.
   *
   * @param what what the daemon would start, such as {@code broker}
   */
  static boolean refuse(
      Map<String, SpecNode> fields, String external, List<String> startedOnly, String what) {
    boolean ok = true;
    for (String field : startedOnly) {
      if (fields.containsKey(field)) {
        fields
            .get(field)
            .problem(
                "set with "
                    + external
                    + " (the daemon starts no "
                    + what
                    + " when "
                    + external
                    + " names one; remove "
                    + field
                    + ", or "
                    + external
                    + " to have the daemon start a "
                    + what
                    + ")");
        ok = false;
      }
    }
    return ok;
  }
}
