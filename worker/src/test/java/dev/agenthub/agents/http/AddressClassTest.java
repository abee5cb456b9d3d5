package dev.agenthub.agents.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "::, UNSPECIFIED",
    "127.0.0.1, LOOPBACK",
    "127.8.9.10, LOOPBACK",
    "::1, LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "64:ff9b::7f00:1, LOOPBACK",
    "169.254.169.254, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.100.100.200, PRIVATE",
    "fd00::1, PRIVATE",
    "fc00::1, PRIVATE",
    "2002:a00:1::, PRIVATE",
    "224.0.0.1, MULTICAST",
    "ff02::1, MULTICAST",
    "93.184.216.34, PUBLIC",
    "172.32.0.1, PUBLIC",
    "2606:4700::1111, PUBLIC"
  })
  void of_classifiesAddresses(String literal, AddressClass expected) throws Exception {
    assertThat(AddressClass.of(InetAddress.getByName(literal))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "172.16.0.0/12, 172.31.0.1, true",
    "172.16.0.0/12, 172.32.0.1, false",
    "192.168.1.7, 192.168.1.7, true",
    "192.168.1.7, 192.168.1.8, false",
    "fc00::/7, fdff::1, true",
    "fc00::/7, 10.0.0.1, false",
    "0.0.0.0/0, 8.8.8.8, true"
  })
  void cidr_contains(String cidr, String address, boolean expected) throws Exception {
    assertThat(Cidr.parse(cidr).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "10.0.0.0/33", "10.0.0.0/x", "", "::1/129"})
  void cidr_parse_refusesNamesAndBadPrefixes(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
