package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An address range such as {@code 10.20.0.0/16} or {@code fd00::/8}.
 *
 * @param network the first address of the range (host bits zero)
 * @param prefix the number of leading bits that are fixed
 */
public record Cidr(InetAddress network, int prefix) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public Cidr {
    requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix: " + prefix + " (expected: 0 to " + bits + ")");
    }
    if (!Arrays.equals(masked(network.getAddress(), prefix), network.getAddress())) {
      throw new IllegalArgumentException(
          network.getHostAddress()
              + "/"
              + prefix
              + " has host bits set (use "
              + address(masked(network.getAddress(), prefix)).getHostAddress()
              + "/"
              + prefix
              + ")");
    }
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code fd00::/8} or a single address ({@code /32} or {@code /128}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String host = slash < 0 ? t : t.substring(0, slash);
    // only literals: a name here would mean a DNS lookup while reading the policy
    if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' (expected: an address range such as 10.20.0.0/16 or fd00::/8)");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "'" + text + "' (expected: an address range such as 10.20.0.0/16 or fd00::/8)", e);
    }
    int bits = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "': the prefix after / must be a number from 0 to " + bits, e);
    }
    return new Cidr(address, prefix);
  }

  /** Whether {@code address} lies in this range (an IPv4 range never holds an IPv6 address). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    return a.length == network.getAddress().length
        && Arrays.equals(masked(a, prefix), network.getAddress());
  }

  /** Whether the two ranges share an address. */
  public boolean overlaps(Cidr other) {
    return contains(other.network) || other.contains(network);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }

  private static byte[] masked(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff00 >> keep));
    }
    return out;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4 or 16 byte address", e);
    }
  }
}
