package torii.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import torii.metrics.control.Counters;
import torii.metrics.control.Metric;
import torii.platform.entity.AuditEvent;

class MetricsTest {

    final List<String> counted = new ArrayList<>();
    final Metrics metrics = new Metrics();

    @BeforeEach
    void record() {
        metrics.counters = new Counters() {
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
        metrics.audited(new AuditEvent(AuditEvent.LOGIN, "johndoe", "127.0.0.1", AuditEvent.THROTTLED, "retry"));
        assertEquals(List.of("torii.logins[outcome, throttled]"), counted);
    }

    @Test
    void otherPasswordChecksAndAuditEventsAreNotLogins() {
        metrics.audited(new AuditEvent(AuditEvent.PASSWORD_CHANGE, "johndoe", null, AuditEvent.FAILURE, null));
        metrics.audited(new AuditEvent(AuditEvent.TOKEN_REFRESH, "johndoe", null, AuditEvent.SUCCESS, null));
        assertEquals(List.of(), counted);
    }

    @Test
    void aGatewayCallIsCountedByApplicationAndOutcome() {
        metrics.gatewayCall("translator", Metrics.RATE_LIMITED);
        assertEquals(List.of("torii.gateway.calls[app, translator, outcome, rate_limited]"), counted);
    }

    @Test
    void withoutARegistryNothingIsCountedAndNothingFails() {
        metrics.counters = Counters.OFF;
        metrics.tokenIssued(Metrics.PASSWORD);
        assertEquals(List.of(), counted);
    }
}
