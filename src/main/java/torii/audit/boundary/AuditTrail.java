package torii.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import torii.audit.entity.AuditRecord;

/** Keeps every {@link AuditEvent} and lists them, newest first. */
@Stateless
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** In a transaction of its own, so that a failed login is recorded although the request that fired it fails. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(@Observes AuditEvent event) {
        em.persist(new AuditRecord(clock.instant(), event.action(), event.username(), event.clientAddress(),
                event.outcome(), event.detail()));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AuditRecord> newest(String username, int first, int count) {
        var query = username == null
                ? em.createNamedQuery(AuditRecord.NEWEST, AuditRecord.class)
                : em.createNamedQuery(AuditRecord.NEWEST_OF_USER, AuditRecord.class).setParameter("username", username);
        return query.setFirstResult(first).setMaxResults(count).getResultList();
    }
}
