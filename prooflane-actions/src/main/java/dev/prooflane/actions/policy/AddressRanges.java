package dev.prooflane.actions.policy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges an HTTP request to an external host may not reach. Some are refused always
 * (link-local, cloud metadata, multicast, unspecified); the private ones (loopback, RFC 1918,
 * unique-local, shared) only unless the policy lists them in {@code http.privateNetworks}. An IPv6
 * address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by both.
 */
final class AddressRanges {
  /** A named range; {@code allowable} ranges may be opened by {@code http.privateNetworks}. */
  record Range(Cidr cidr, String what, boolean allowable) {}

  /** Most specific first: the first range holding an address names it. */
  static final List<Range> REFUSED =
      List.of(
          never("169.254.169.254/32", "the cloud metadata address"),
          never("169.254.170.2/32", "the container credentials address (ECS)"),
          never("100.100.100.200/32", "a cloud metadata address (Alibaba)"),
          never("192.0.0.192/32", "a cloud metadata address (Oracle)"),
          never("fd00:ec2::254/128", "the cloud metadata address (AWS IPv6)"),
          never("169.254.0.0/16", "link-local"),
          never("fe80::/10", "link-local"),
          never("0.0.0.0/8", "'this network' (unspecified)"),
          never("::/128", "unspecified"),
          never("224.0.0.0/4", "multicast"),
          never("ff00::/8", "multicast"),
          never("240.0.0.0/4", "reserved (or broadcast)"),
          privateRange("127.0.0.0/8", "loopback"),
          privateRange("::1/128", "loopback"),
          privateRange("10.0.0.0/8", "private (RFC 1918)"),
          privateRange("172.16.0.0/12", "private (RFC 1918)"),
          privateRange("192.168.0.0/16", "private (RFC 1918)"),
          privateRange("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
          privateRange("198.18.0.0/15", "benchmarking (RFC 2544)"),
          privateRange("192.0.0.0/24", "IETF protocol assignments"),
          privateRange("fc00::/7", "unique-local (private)"),
          privateRange("fec0::/10", "site-local (private)"));

  private AddressRanges() {}

  /**
   * Why {@code address} is refused, or empty when a request may reach it.
   *
   * @param opened the ranges of {@code http.privateNetworks}
   */
  static Optional<String> refusal(InetAddress address, List<Cidr> opened) {
    Optional<String> own = refusalOf(address, opened);
    if (own.isPresent()) {
      return own;
    }
    return embeddedIpv4(address)
        .flatMap(
            v4 ->
                refusalOf(v4, opened)
                    .map(r -> "it carries the IPv4 address " + v4.getHostAddress() + ", " + r));
  }

  /** The range that can never be opened and overlaps {@code cidr} from inside, if any. */
  static Optional<Range> neverOpenable(Cidr cidr) {
    return REFUSED.stream()
        .filter(
            r ->
                !r.allowable()
                    && r.cidr().contains(cidr.network())
                    && r.cidr().prefix() <= cidr.prefix())
        .findFirst();
  }

  private static Optional<String> refusalOf(InetAddress address, List<Cidr> opened) {
    for (Range range : REFUSED) {
      if (range.cidr().contains(address)) {
        if (range.allowable() && opened.stream().anyMatch(c -> c.contains(address))) {
          return Optional.empty();
        }
        return Optional.of(
            address.getHostAddress()
                + " is "
                + range.what()
                + " ("
                + range.cidr()
                + ")"
                + (range.allowable()
                    ? "; list the range in http.privateNetworks if the host is really meant to"
                        + " be reached there"
                    : "; this is never allowed"));
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] a = address.getAddress();
    byte[] v4;
    if (zero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      v4 = Arrays.copyOfRange(a, 12, 16); // ::ffff:a.b.c.d
    } else if (zero(a, 0, 12) && !zero(a, 12, 16)) {
      v4 = Arrays.copyOfRange(a, 12, 16); // ::a.b.c.d (deprecated "compatible")
    } else if (a[0] == 0
        && (a[1] & 0xff) == 0x64
        && (a[2] & 0xff) == 0xff
        && (a[3] & 0xff) == 0x9b
        && zero(a, 4, 12)) {
      v4 = Arrays.copyOfRange(a, 12, 16); // 64:ff9b::a.b.c.d (NAT64)
    } else if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
      v4 = Arrays.copyOfRange(a, 2, 6); // 2002:aabb:ccdd::/48 (6to4)
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes make an IPv4 address", e);
    }
  }

  private static boolean zero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static Range never(String cidr, String what) {
    return new Range(Cidr.parse(cidr), what, false);
  }

  private static Range privateRange(String cidr, String what) {
    return new Range(Cidr.parse(cidr), what, true);
  }
}
