package torii.audit.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.audit.control.AuditTally;
import torii.audit.entity.AuditRecord;
import torii.platform.entity.AuditEvent;

/**
 * Keeps every {@link AuditEvent}, the countable ones as a row per kind, username, address and minute, deletes records
 * older than {@code torii.audit.retention-days}, and lists them, newest first.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditCounter counter;

    @Inject
    @ConfigProperty(name = "torii.audit.retention-days", defaultValue = "90")
    int retentionDays;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /**
     * In the transaction of the change it reports, so that the record commits with the change or not at all: a change
     * rolled back is not recorded as made, and no transaction of its own is spent on it. Events fired outside a
     * transaction are recorded at once in one of their own. Countable events are left to {@link AuditCounter}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void record(@Observes AuditEvent event) {
        if (event.countable()) {
            return;
        }
        var origin = counter.origin(event);
        em.persist(new AuditRecord(clock.instant(), event.action(), event.username(), origin.address(), origin.actor(),
                event.outcome(), event.detail(), 1));
    }

    /** Writes what was counted, a row per kind, username, address and minute; kept for the next time if it fails. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void flush() {
        var counted = counter.drain();
        if (counted.isEmpty()) {
            return;
        }
        try {
            self().write(counted);
        } catch (RuntimeException failed) {
            counter.restore(counted);
            LOG.log(Level.WARNING, "Counted audit events not written yet: {0}", failed.toString());
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(Map<AuditTally.Key, AuditTally.Count> counted) {
        counted.forEach((key, count) -> em.persist(new AuditRecord(count.first(), key.action(), key.username(),
                key.address(), key.actor(), key.outcome(), count.detail(), count.count())));
    }

    /** Records older than the retention go; the trail never grows past what that many days bring. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    void forgetOld() {
        deleteOlderThan(clock.instant().minus(Duration.ofDays(retentionDays)));
    }

    /** Deletes the records from before the moment; returns how many. */
    public int deleteOlderThan(Instant before) {
        return em.createNamedQuery(AuditRecord.OLDER_THAN).setParameter("before", before).executeUpdate();
    }

    @PostConstruct
    void check() {
        if (retentionDays < 1) {
            throw new IllegalStateException("torii.audit.retention-days must be at least 1, was " + retentionDays);
        }
    }

    /**
     * Records newest first, of the user, of the action, and within the instants given, each where it is not null. This
     * instance's counts are written first, so that a reader sees the last minute too.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AuditRecord> newest(Filter filter, int first, int count) {
        self().flush();
        var conditions = new ArrayList<String>();
        var parameters = new LinkedHashMap<String, Object>();
        filter.username().ifPresent(value -> where(conditions, parameters, "a.username = :username", "username", value));
        filter.action().ifPresent(value -> where(conditions, parameters, "a.action = :action", "action", value));
        filter.from().ifPresent(value -> where(conditions, parameters, "a.time >= :since", "since", value));
        filter.until().ifPresent(value -> where(conditions, parameters, "a.time < :until", "until", value));
        var query = em.createQuery("SELECT a FROM AuditRecord a" + (conditions.isEmpty() ? ""
                : " WHERE " + String.join(" AND ", conditions)) + " ORDER BY a.time DESC, a.id DESC", AuditRecord.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(count).getResultList();
    }

    /** The user's records (everyone's if null), newest first. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<AuditRecord> newest(String username, int first, int count) {
        return newest(new Filter(Optional.ofNullable(username), Optional.empty(), Optional.empty(), Optional.empty()),
                first, count);
    }

    /** Which records to list: each part that is present narrows the list. */
    public record Filter(Optional<String> username, Optional<String> action, Optional<Instant> from,
            Optional<Instant> until) {
    }

    private static void where(List<String> conditions, Map<String, Object> parameters, String condition, String name,
            Object value) {
        conditions.add(condition);
        parameters.put(name, value);
    }

    AuditTrail self() {
        return context.getBusinessObject(AuditTrail.class);
    }
}
