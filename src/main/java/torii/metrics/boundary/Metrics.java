package torii.metrics.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import torii.metrics.control.Counters;
import torii.metrics.control.Metric;
import torii.platform.entity.AuditEvent;

/**
 * What the other capabilities count, with label values from fixed sets and application ids; to the MicroProfile
 * Metrics registry where the server has one, else nowhere.
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    public static final String PASSWORD = "password";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String COMPLETED = "completed";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String UPSTREAM_ERROR = "upstream_error";

    /** The MicroProfile Metrics counters, where the server has the API; none where it has not. */
    @Inject
    Instance<Counters> available;

    Counters counters = Counters.OFF;

    @PostConstruct
    void init() {
        if (!available.isResolvable()) {
            LOG.info("No MicroProfile Metrics on this server: the counters are off");
            return;
        }
        counters = available.get();
        for (var outcome : new String[] {AuditEvent.SUCCESS, AuditEvent.FAILURE, AuditEvent.THROTTLED}) {
            counters.register(Metric.LOGINS, "outcome", outcome);
        }
        counters.register(Metric.TOKENS_ISSUED, "grant", PASSWORD);
        counters.register(Metric.TOKENS_ISSUED, "grant", REFRESH_TOKEN);
        counters.register(Metric.TOKENS_ISSUED, "grant", CLIENT_CREDENTIALS);
        counters.register(Metric.TOKENS_ISSUED, "grant", AUTHORIZATION_CODE);
    }

    /** Created at start, so that the counters show at 0 before their first event. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** Logins at the token endpoint, whose outcome the audit event tells; other password checks are not logins. */
    void audited(@Observes AuditEvent event) {
        if (AuditEvent.LOGIN.equals(event.action())) {
            counters.increment(Metric.LOGINS, "outcome", event.outcome());
        }
    }

    /** An access token issued by the {@link #PASSWORD}, {@link #REFRESH_TOKEN} or {@link #CLIENT_CREDENTIALS} grant. */
    public void tokenIssued(String grant) {
        counters.increment(Metric.TOKENS_ISSUED, "grant", grant);
    }

    /** A gateway call to an existing application, with one of the outcomes above. */
    public void gatewayCall(String appId, String outcome) {
        counters.increment(Metric.GATEWAY_CALLS, "app", appId, "outcome", outcome);
    }
}
