package torii.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.audit.boundary.AuditEvent;
import torii.metrics.control.Counters;
import torii.metrics.control.Metric;

class MetersTest {

    final List<String> counted = new ArrayList<>();
    final Meters meters = new Meters();

    @BeforeEach
    void record() {
        meters.counters = new Counters() {
            @Override
            public void register(Metric metric, String... labels) {
            }

            @Override
            public void increment(Metric metric, String... labels) {
                counted.add(metric.metricName() + List.of(labels));
            }
        };
    }

    @Test
    void aLoginIsCountedByItsOutcomeWithoutItsUsername() {
        meters.audited(new AuditEvent(AuditEvent.LOGIN, "johndoe", "127.0.0.1", AuditEvent.THROTTLED, "retry"));
        assertEquals(List.of("torii.logins[outcome, throttled]"), counted);
    }

    @Test
    void otherPasswordChecksAndAuditEventsAreNotLogins() {
        meters.audited(new AuditEvent(AuditEvent.PASSWORD_CHANGE, "johndoe", null, AuditEvent.FAILURE, null));
        meters.audited(new AuditEvent(AuditEvent.TOKEN_REFRESH, "johndoe", null, AuditEvent.SUCCESS, null));
        assertEquals(List.of(), counted);
    }

    @Test
    void aGatewayCallIsCountedByApplicationAndOutcome() {
        meters.gatewayCall("translator", Meters.RATE_LIMITED);
        assertEquals(List.of("torii.gateway.calls[app, translator, outcome, rate_limited]"), counted);
    }

    @Test
    void withoutARegistryNothingIsCountedAndNothingFails() {
        meters.counters = Counters.OFF;
        meters.tokenIssued(Meters.PASSWORD);
        assertEquals(List.of(), counted);
    }
}
