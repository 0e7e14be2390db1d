package dev.prooflane.agent.detector;

import java.util.List;

/** A small writer of one JSON object on one line (no JSON library is visible at bootstrap). */
final class JsonLine {

  private final StringBuilder out = new StringBuilder(512);
  private boolean first = true;

  JsonLine begin() {
    out.append('{');
    first = true;
    return this;
  }

  JsonLine end() {
    out.append('}');
    first = false;
    return this;
  }

  JsonLine beginArray() {
    out.append('[');
    first = true;
    return this;
  }

  JsonLine endArray() {
    out.append(']');
    first = false;
    return this;
  }

  JsonLine field(String name) {
    separate();
    quote(name);
    out.append(':');
    return this;
  }

  JsonLine element() {
    separate();
    return this;
  }

  JsonLine string(String value) {
    if (value == null) {
      return nullValue();
    }
    quote(value);
    first = false;
    return this;
  }

  JsonLine strings(List<String> values) {
    beginArray();
    for (String value : values) {
      element().string(value);
    }
    return endArray();
  }

  JsonLine number(long value) {
    out.append(value);
    first = false;
    return this;
  }

  JsonLine bool(boolean value) {
    out.append(value);
    first = false;
    return this;
  }

  JsonLine nullValue() {
    out.append("null");
    first = false;
    return this;
  }

  private void separate() {
    if (!first) {
      out.append(',');
    }
    first = true;
  }

  private void quote(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
