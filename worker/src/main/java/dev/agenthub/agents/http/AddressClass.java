package dev.agenthub.agents.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What kind of network an IP address belongs to, as far as the egress policy cares. Everything but
 * {@link #PUBLIC} is refused unless the policy allows it.
 */
public enum AddressClass {
  /** {@code 0.0.0.0/8}, {@code ::}: on Linux, connecting to them reaches the local host. */
  UNSPECIFIED("unspecified"),
  /** {@code 127.0.0.0/8}, {@code ::1}. */
  LOOPBACK("loopback"),
  /** {@code 169.254.0.0/16} (cloud metadata endpoints live here), {@code fe80::/10}. */
  LINK_LOCAL("link-local"),
  /**
   * RFC 1918 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), shared address space ({@code
   * 100.64/10}, where some clouds put their metadata service), unique local ({@code fc00::/7}) and
   * deprecated site-local ({@code fec0::/10}) addresses.
   */
  PRIVATE("private"),
  /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
  MULTICAST("multicast"),
  /** Anything else. */
  PUBLIC("public");

  private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");
  private static final Cidr SHARED = Cidr.parse("100.64.0.0/10");
  private static final Cidr UNIQUE_LOCAL = Cidr.parse("fc00::/7");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private final String label;

  AddressClass(String label) {
    this.label = label;
  }

  /** The class of {@code address}; IPv6 forms that embed an IPv4 address get that one's class. */
  public static AddressClass of(InetAddress address) {
    if (address.isAnyLocalAddress() || THIS_NETWORK.contains(address)) {
      return UNSPECIFIED;
    }
    if (address.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (address instanceof Inet6Address v6) {
      InetAddress embedded = embeddedIpv4(v6);
      if (embedded != null) {
        return of(embedded);
      }
    }
    if (address.isLinkLocalAddress()) {
      return LINK_LOCAL;
    }
    if (address.isMulticastAddress()) {
      return MULTICAST;
    }
    if (address.isSiteLocalAddress()
        || SHARED.contains(address)
        || UNIQUE_LOCAL.contains(address)) {
      return PRIVATE;
    }
    return PUBLIC;
  }

  /** The IPv4 address inside an IPv4-compatible, NAT64 or 6to4 address; null for other forms. */
  private static InetAddress embeddedIpv4(Inet6Address address) {
    byte[] bytes = address.getAddress();
    byte[] v4;
    if (address.isIPv4CompatibleAddress() || NAT64.contains(address)) {
      v4 = Arrays.copyOfRange(bytes, 12, 16);
    } else if (SIX_TO_FOUR.contains(address)) {
      v4 = Arrays.copyOfRange(bytes, 2, 6);
    } else {
      return null;
    }
    try {
      return Inet4Address.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** The label with its indefinite article, for messages: {@code an unspecified}. */
  String withArticle() {
    return (label.startsWith("u") ? "an " : "a ") + label;
  }

  /** How messages name the class: {@code loopback}, {@code link-local}, ... */
  @Override
  public String toString() {
    return label;
  }
}
