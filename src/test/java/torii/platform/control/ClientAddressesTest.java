package torii.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    ClientAddresses none = new ClientAddresses(List.of());
    ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.1", " 10.0.0.2"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClient() {
        assertEquals("203.0.113.9", none.of("203.0.113.9", List.of("198.51.100.7")));
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.9", behindProxies.of("203.0.113.9", List.of("198.51.100.7")));
    }

    @Test
    void trustedProxyNamesTheClient() {
        assertEquals("198.51.100.7", behindProxies.of("10.0.0.1", List.of("198.51.100.7")));
    }

    @Test
    void addressesTheClientWroteItselfAreNotBelieved() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
        assertEquals("198.51.100.7", behindProxies.of("10.0.0.1", List.of("1.2.3.4, 198.51.100.7")));
    }

    @Test
    void chainOfTrustedProxiesIsWalkedFromTheNearest() {
        assertEquals("198.51.100.7", behindProxies.of("10.0.0.1", List.of("1.2.3.4, 198.51.100.7", "10.0.0.2")));
    }

    @Test
    void trustedProxyWithoutTheHeaderIsTheClient() {
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", null));
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", List.of()));
    }

    @Test
    void malformedHeaderFallsBackToThePeer() {
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", List.of("198.51.100.7,,")));
        assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", List.of("x".repeat(100))));
    }
}
