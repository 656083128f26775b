package torii.health.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import torii.health.control.HealthSettings;

/** Asks the database, through the persistence unit, the most trivial question there is. */
@Stateless
public class Database {

    @PersistenceContext
    EntityManager em;

    @Inject
    HealthSettings settings;

    /** True once the database answered; the query's own timeout ends a statement the database sits on. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean answers() {
        // SELECT 1 is understood by H2 and PostgreSQL alike; JPQL cannot select without an entity.
        var answer = em.createNativeQuery("SELECT 1").setHint("jakarta.persistence.query.timeout",
                (int) Math.min(Integer.MAX_VALUE, settings.timeoutMillis())).getSingleResult();
        return answer instanceof Number number && number.intValue() == 1;
    }
}
