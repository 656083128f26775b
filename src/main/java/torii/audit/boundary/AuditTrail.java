package torii.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import torii.audit.entity.AuditRecord;
import torii.security.boundary.JWTAuthenticationFilter;
import torii.security.control.ClientAddresses;

/** Keeps every {@link AuditEvent} and lists them, newest first. */
@Stateless
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddresses addresses;

    Clock clock = Clock.systemUTC();

    /**
     * In the transaction of the change it reports, so that the record commits with the change or not at all: a change
     * rolled back is not recorded as made, and no transaction of its own is spent on it. Events fired outside a
     * transaction (logins, which fail by throwing) are recorded at once in one of their own. Where the event comes from
     * a request, the request tells the client's address, if the event does not, and who acted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void record(@Observes AuditEvent event) {
        var address = event.clientAddress();
        String actor = null;
        try {
            if (address == null) {
                address = addresses.of(request);
            }
            actor = (String) request.getAttribute(JWTAuthenticationFilter.CALLER);
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            // Fired on a thread of the hashing pool or at start: the event says all there is.
        }
        em.persist(new AuditRecord(clock.instant(), event.action(), event.username(), address,
                event.username() != null && event.username().equals(actor) ? null : actor, event.outcome(),
                event.detail()));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AuditRecord> newest(String username, int first, int count) {
        var query = username == null
                ? em.createNamedQuery(AuditRecord.NEWEST, AuditRecord.class)
                : em.createNamedQuery(AuditRecord.NEWEST_OF_USER, AuditRecord.class).setParameter("username", username);
        return query.setFirstResult(first).setMaxResults(count).getResultList();
    }
}
