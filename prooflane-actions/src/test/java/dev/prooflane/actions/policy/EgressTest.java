package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.core.Destination;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which external URLs the policy admits, and on which address; no request is sent here. */
class EgressTest {
  private static Policy policy(String yaml) {
    return PolicyReader.parse("policy.yaml", yaml, ActionCatalog.builtIn().names());
  }

  private static HostResolver dns(Map<String, String> records) {
    return host -> {
      String address = records.get(host);
      if (address == null) {
        throw new UnknownHostException(host);
      }
      return List.of(InetAddress.getByName(address));
    };
  }

  private static Destination admit(Policy p, String method, String url, HostResolver r) {
    return p.egress().admit(method, URI.create(url), r, p.source());
  }

  private static void refused(Policy p, String url, HostResolver r, String rule, String text) {
    assertThatThrownBy(() -> admit(p, "GET", url, r))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo(rule))
        .hasMessageContaining(text);
  }

  @Test
  void refusesEveryExternalHostByDefault() {
    refused(
        Policy.DEFAULT,
        "https://api.partner.example/v1",
        dns(Map.of("api.partner.example", "203.0.113.7")),
        "http.allow",
        "host 'api.partner.example' is not in http.allow (no external host is allowed);"
            + " call services of the environment with service: instead, or add the host to"
            + " http.allow in <default>");
  }

  @Test
  void admitsAnAllowedHostOnThePublicAddressItResolvesTo() {
    Policy p = policy("http: {allow: [api.partner.example]}");
    Destination d =
        admit(
            p,
            "GET",
            "https://api.partner.example/v1?x=1",
            dns(Map.of("api.partner.example", "203.0.113.7")));
    assertThat(d.address().getHostAddress()).isEqualTo("203.0.113.7");
    assertThat(d.port()).isEqualTo(443);
    assertThat(d.host()).isEqualTo("api.partner.example");
    assertThat(d.tls()).isTrue();
  }

  @Test
  void refusesTheMetadataAddressEvenWhenItIsAllowedByName() {
    Policy p = policy("http: {allow: ['169.254.169.254'], privateNetworks: [10.0.0.0/8]}");
    refused(
        p,
        "http://169.254.169.254/latest/meta-data/",
        HostResolver.SYSTEM,
        "http.addresses",
        "169.254.169.254 is the cloud metadata address (169.254.169.254/32); this is never"
            + " allowed");
  }

  @Test
  void refusesTheMetadataAddressWrittenAsIpv4MappedIpv6() {
    Policy p = policy("http: {allow: ['[::ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]']}");
    refused(
        p,
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        HostResolver.SYSTEM,
        "http.addresses",
        "cloud metadata");
    refused(
        p,
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        HostResolver.SYSTEM,
        "http.addresses",
        "cloud metadata");
  }

  @Test
  void judgesIpv6AddressesThatCarryIpv4OnesByTheIpv4Address() throws Exception {
    for (String v6 : List.of("64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::a9fe:a9fe")) {
      assertThat(AddressRanges.refusal(InetAddress.getByName(v6), List.of()))
          .as(v6)
          .hasValueSatisfying(r -> assertThat(r).contains("169.254.169.254"));
    }
    assertThat(AddressRanges.refusal(InetAddress.getByName("2001:db8::1"), List.of())).isEmpty();
  }

  @Test
  void refusesAHostNameThatResolvesToAForbiddenAddress() {
    Policy p = policy("http: {allow: ['*.partner.example']}");
    refused(
        p,
        "http://metadata.partner.example/",
        dns(Map.of("metadata.partner.example", "169.254.169.254")),
        "http.addresses",
        "host 'metadata.partner.example' resolves to 169.254.169.254, which is refused");
    refused(
        p,
        "http://internal.partner.example/",
        dns(Map.of("internal.partner.example", "10.1.2.3")),
        "http.addresses",
        "10.1.2.3 is private (RFC 1918) (10.0.0.0/8); list the range in http.privateNetworks");
  }

  @Test
  void refusesWhenAnyOfSeveralAddressesIsForbidden() {
    Policy p = policy("http: {allow: [api.partner.example]}");
    HostResolver both =
        host -> List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("127.0.0.1"));
    refused(p, "http://api.partner.example/", both, "http.addresses", "127.0.0.1 is loopback");
  }

  @Test
  void refusesALoopbackPortOutsideTheEnvironment() {
    Policy p = policy("http: {allow: ['127.0.0.1']}");
    refused(p, "http://127.0.0.1:6379/", HostResolver.SYSTEM, "http.addresses", "loopback");
    refused(
        Policy.DEFAULT, "http://localhost:6379/", HostResolver.SYSTEM, "http.allow", "localhost");
  }

  @Test
  void opensAPrivateRangeOnlyWhereThePolicySaysSo() {
    Policy p = policy("http: {allow: [git.corp.example], privateNetworks: ['10.20.0.0/16']}");
    assertThat(
            admit(
                    p,
                    "GET",
                    "http://git.corp.example/",
                    dns(Map.of("git.corp.example", "10.20.3.4")))
                .address()
                .getHostAddress())
        .isEqualTo("10.20.3.4");
    refused(
        p,
        "http://git.corp.example/",
        dns(Map.of("git.corp.example", "10.21.3.4")),
        "http.addresses",
        "10.21.3.4 is private");
  }

  @Test
  void allowsOnlyReadsUnlessTheEntryListsMoreMethodsAndOnlyItsPorts() {
    Policy p = policy("http: {allow: [{host: api.partner.example, ports: [8443]}]}");
    HostResolver r = dns(Map.of("api.partner.example", "203.0.113.7"));
    assertThatThrownBy(() -> admit(p, "POST", "https://api.partner.example:8443/", r))
        .hasMessageContaining("allows GET, HEAD, OPTIONS; add POST to its methods in policy.yaml");
    refused(p, "https://api.partner.example/", r, "http.allow", "port 443 of");
    assertThat(admit(p, "GET", "https://api.partner.example:8443/", r).port()).isEqualTo(8443);
  }

  @Test
  void refusesOtherSchemesAndUserInfo() {
    Policy p = policy("http: {allow: [api.partner.example]}");
    HostResolver r = dns(Map.of("api.partner.example", "203.0.113.7"));
    refused(p, "file:///etc/passwd", r, "http.allow", "only http and https");
    refused(p, "http://user:pw@api.partner.example/", r, "http.allow", "remove the user info");
  }

  @Test
  void aWildcardCoversSubdomainsNotTheNameItself() {
    HostRule rule = new HostRule("*.partner.example", java.util.Set.of(), java.util.Set.of());
    assertThat(rule.matchesHost("a.partner.example")).isTrue();
    assertThat(rule.matchesHost("partner.example")).isFalse();
    assertThat(rule.matchesHost("evilpartner.example")).isFalse();
  }

  @Test
  void reportsBadHttpSectionsLocated() {
    assertThatThrownBy(
            () ->
                policy(
                    """
                    http:
                      allow: ['bad host', {host: api.partner.example, methods: [FETCH]}]
                      privateNetworks: [169.254.169.254, 10.0.0.0/33, 10.0.0.1/8, example.com]
                    """))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("policy.yaml:2:11: http.allow[0]: 'bad host' (expected: a host name")
        .hasMessageContaining("http.allow[1].methods[0]: 'FETCH'")
        .hasMessageContaining(
            "http.privateNetworks[0]: 169.254.169.254/32 lies in 169.254.169.254/32, the cloud"
                + " metadata address, which can never be opened")
        .hasMessageContaining("http.privateNetworks[1]: prefix: 33 (expected: 0 to 32)")
        .hasMessageContaining(
            "http.privateNetworks[2]: 10.0.0.1/8 has host bits set (use 10.0.0.0/8)")
        .hasMessageContaining("http.privateNetworks[3]: 'example.com' (expected: an address range");
  }
}
