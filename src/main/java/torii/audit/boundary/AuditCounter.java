package torii.audit.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.audit.control.AuditTally;
import torii.security.boundary.JWTAuthenticationFilter;
import torii.security.control.ClientAddresses;

/**
 * Counts the events any caller can cause at will ({@link AuditEvent#countable()}), once the change they report has
 * committed, for {@link AuditTrail} to write a row per kind, username, address and minute.
 */
@ApplicationScoped
public class AuditCounter {

    @Inject
    @ConfigProperty(name = "torii.audit.max-counted-keys", defaultValue = "500")
    int maxKeys;

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddresses addresses;

    Clock clock = Clock.systemUTC();
    private AuditTally tally;

    @PostConstruct
    void init() {
        if (maxKeys < 1) {
            throw new IllegalStateException("torii.audit.max-counted-keys must be at least 1, was " + maxKeys);
        }
        tally = new AuditTally(maxKeys);
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditEvent event) {
        if (!event.countable()) {
            return;
        }
        var origin = origin(event);
        tally.add(new AuditTally.Key(event.action(), event.username(), origin.address(), origin.actor(),
                event.outcome()), clock.instant(), event.detail());
    }

    Map<AuditTally.Key, AuditTally.Count> drain() {
        return tally.drain();
    }

    void restore(Map<AuditTally.Key, AuditTally.Count> unwritten) {
        tally.restore(unwritten);
    }

    /** Where an event came from and who acted, when not the user themselves. */
    record Origin(String address, String actor) {
    }

    /**
     * Where the event comes from a request, the request tells the client's address, if the event does not, and who
     * acted; an event fired on a thread of the hashing pool or at start says all there is.
     */
    Origin origin(AuditEvent event) {
        var address = event.clientAddress();
        String actor = null;
        try {
            if (address == null) {
                address = addresses.of(request);
            }
            actor = (String) request.getAttribute(JWTAuthenticationFilter.CALLER);
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            // Nothing more to learn.
        }
        return new Origin(address, event.username() != null && event.username().equals(actor) ? null : actor);
    }
}
