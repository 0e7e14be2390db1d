package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.keys.RequestCarriers;
import dev.prooflane.keys.TraceParent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record's headers as the key extractor reads a request's: names compared without case (HTTP's
 * rule, and what propagators that write {@code Baggage} expect), values as UTF-8, no query.
 */
final class HeaderCarriers implements RequestCarriers {
  private final Headers headers;

  HeaderCarriers(Headers headers) {
    this.headers = requireNonNull(headers, "headers");
  }

  @Override
  public List<String> headers(String lowerCaseName) {
    List<String> values = null;
    for (Header header : headers) {
      if (header.key() != null
          && header.value() != null
          && header.key().equalsIgnoreCase(lowerCaseName)) {
        if (values == null) {
          values = new ArrayList<>(1);
        }
        values.add(new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return values == null ? List.of() : values;
  }

  @Override
  public String rawQuery() {
    return null;
  }

  /**
   * The trace id of the record's first {@code traceparent} header, or null (see {@link
   * TraceParent}).
   */
  String traceId() {
    List<String> values = headers("traceparent");
    return values.isEmpty() ? null : TraceParent.traceId(values.get(0));
  }
}
