package torii.federation.control;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FederationSettingsTest {

    @Test
    void theDefaultsPass() {
        FederationSettings.defaults();
    }

    @Test
    void aCookieLifetimeOutsideHalfAMinuteToAnHour() {
        var message = assertThrows(IllegalStateException.class,
                () -> new FederationSettings(2000, 5000, 3600, 65536, 5, 2000, 100, 255)).getMessage();

        assertTrue(message.startsWith("torii.federation.cookie-seconds"), message);
    }

    @Test
    void aReturnQueryLongerThanACookieHolds() {
        var message = assertThrows(IllegalStateException.class,
                () -> new FederationSettings(2000, 5000, 3600, 65536, 600, 10_000, 100, 255)).getMessage();

        assertTrue(message.startsWith("torii.federation.max-return-query-length"), message);
    }

    @Test
    void noTimeout() {
        var message = assertThrows(IllegalStateException.class,
                () -> new FederationSettings(0, 5000, 3600, 65536, 600, 2000, 100, 255)).getMessage();

        assertTrue(message.startsWith("torii.federation.connect-timeout-ms"), message);
    }
}
