package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Netty's {@link HttpHeaders} over a {@link WireHead}: the lookups the router makes on every
 * request ({@code get}, {@code getAll}, {@code contains}, {@code size}) read the head's bytes and
 * decode only the value asked for. Anything else (iteration, changes) works on a decoded copy; once
 * changed, the headers are that copy alone, and {@link #unchanged} tells encoders they cannot copy
 * the bytes any more.
 */
final class WireHeaders extends HttpHeaders {
  private final WireHead head;
  private HttpHeaders decoded;
  private boolean changed;

  WireHeaders(WireHead head) {
    this.head = head;
  }

  /** The head as it arrived or was built, or null once these headers were changed. */
  WireHead unchanged() {
    return changed ? null : head;
  }

  /**
   * Writes {@code headers} to {@code out} as one copy of their bytes when they are {@link
   * WireHeaders} still unchanged; false, writing nothing, otherwise.
   */
  static boolean writeUnchanged(HttpHeaders headers, ByteBuf out) {
    WireHead head = headers instanceof WireHeaders wire ? wire.unchanged() : null;
    if (head == null) {
      return false;
    }
    head.writeFields(out);
    return true;
  }

  private HttpHeaders decoded() {
    if (decoded == null) {
      // the head's bytes passed the parser's checks
      decoded = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
      for (int i = 0; i < head.count(); i++) {
        decoded.add(head.name(i), head.value(i));
      }
    }
    return decoded;
  }

  private HttpHeaders changing() {
    HttpHeaders headers = decoded();
    changed = true;
    return headers;
  }

  @Override
  public String get(String name) {
    return get((CharSequence) name);
  }

  @Override
  public String get(CharSequence name) {
    if (changed) {
      return decoded.get(name);
    }
    int i = head.indexOf(name);
    return i < 0 ? null : head.value(i);
  }

  @Override
  public Integer getInt(CharSequence name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException malformed) {
      return null;
    }
  }

  @Override
  public int getInt(CharSequence name, int defaultValue) {
    Integer value = getInt(name);
    return value == null ? defaultValue : value;
  }

  @Override
  public Short getShort(CharSequence name) {
    return decoded().getShort(name);
  }

  @Override
  public short getShort(CharSequence name, short defaultValue) {
    return decoded().getShort(name, defaultValue);
  }

  @Override
  public Long getTimeMillis(CharSequence name) {
    return decoded().getTimeMillis(name);
  }

  @Override
  public long getTimeMillis(CharSequence name, long defaultValue) {
    return decoded().getTimeMillis(name, defaultValue);
  }

  @Override
  public List<String> getAll(String name) {
    return getAll((CharSequence) name);
  }

  @Override
  public List<String> getAll(CharSequence name) {
    return changed ? decoded.getAll(name) : head.values(name);
  }

  @Override
  public boolean containsValue(CharSequence name, CharSequence value, boolean ignoreCase) {
    return changed
        ? decoded.containsValue(name, value, ignoreCase)
        : head.lists(name, value, ignoreCase);
  }

  @Override
  public List<Map.Entry<String, String>> entries() {
    return decoded().entries();
  }

  @Override
  public boolean contains(String name) {
    return contains((CharSequence) name);
  }

  @Override
  public boolean contains(CharSequence name) {
    return changed ? decoded.contains(name) : head.indexOf(name) >= 0;
  }

  @Override
  @Deprecated
  public Iterator<Map.Entry<String, String>> iterator() {
    return decoded().iteratorAsString();
  }

  @Override
  public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
    return decoded().iteratorCharSequence();
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public int size() {
    return changed ? decoded.size() : head.count();
  }

  @Override
  public Set<String> names() {
    return decoded().names();
  }

  @Override
  public HttpHeaders add(String name, Object value) {
    changing().add(name, value);
    return this;
  }

  @Override
  public HttpHeaders add(String name, Iterable<?> values) {
    changing().add(name, values);
    return this;
  }

  @Override
  public HttpHeaders addInt(CharSequence name, int value) {
    changing().addInt(name, value);
    return this;
  }

  @Override
  public HttpHeaders addShort(CharSequence name, short value) {
    changing().addShort(name, value);
    return this;
  }

  @Override
  public HttpHeaders set(String name, Object value) {
    changing().set(name, value);
    return this;
  }

  @Override
  public HttpHeaders set(String name, Iterable<?> values) {
    changing().set(name, values);
    return this;
  }

  @Override
  public HttpHeaders setInt(CharSequence name, int value) {
    changing().setInt(name, value);
    return this;
  }

  @Override
  public HttpHeaders setShort(CharSequence name, short value) {
    changing().setShort(name, value);
    return this;
  }

  @Override
  public HttpHeaders remove(String name) {
    changing().remove(name);
    return this;
  }

  @Override
  public HttpHeaders clear() {
    changing().clear();
    return this;
  }
}
