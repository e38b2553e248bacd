package io.idbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address failures are counted under, without a server. */
class ClientAddressesTest {
  final ClientAddresses addresses = new ClientAddresses(List.of(Cidr.parse("10.0.0.0/8")));

  @Test
  void aHeaderFromAnUntrustedPeerIsIgnored() {
    assertEquals("198.51.100.7", addresses.of("198.51.100.7", "203.0.113.1"));
  }

  @Test
  void behindATrustedProxyTheNearestUntrustedHopCounts() {
    assertEquals("203.0.113.9", addresses.of("10.0.0.2", "192.0.2.1, 203.0.113.9, 10.0.0.5"));
  }

  @Test
  void aTrustedProxyWithoutAHeaderIsItsOwnAddress() {
    assertEquals("10.0.0.2", addresses.of("10.0.0.2", null));
    assertEquals("10.0.0.2", addresses.of("10.0.0.2", " "));
  }

  @Test
  void whenEveryHopIsTrustedTheFirstCounts() {
    assertEquals("10.1.1.1", addresses.of("10.0.0.2", "10.1.1.1, 10.0.0.5"));
  }
}
