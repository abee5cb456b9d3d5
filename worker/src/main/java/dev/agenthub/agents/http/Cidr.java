package dev.agenthub.agents.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A range of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address
 * is a range of one. Parsing never touches DNS: only IP literals are accepted.
 *
 * @param network the first address of the range
 * @param prefixLength how many leading bits an address must share with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is outside 0.." + bits + " for " + network);
    }
  }

  /**
   * Parses {@code text}, e.g. {@code 192.168.0.0/16} or {@code ::1}.
   *
   * @throws IllegalArgumentException when {@code text} is not an IP literal with an optional prefix
   */
  public static Cidr parse(String text) {
    requireNonNull(text, "text");
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    // InetAddress.getByName resolves names; refuse anything that is not a literal first.
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+") || !address.matches(".*[.:].*")) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range");
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range");
    }
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length");
    }
    return new Cidr(network, prefix);
  }

  /** Whether {@code address} is in this range; an IPv4 address is never in an IPv6 range. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != base[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (base[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
