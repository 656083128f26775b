package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.audit.boundary.AuditTrail;
import torii.audit.control.AuditTally;
import torii.platform.entity.AuditEvent;
import torii.testing.Deployments;
import torii.tokens.boundary.Sessions;
import torii.tokens.boundary.Tokens;
import torii.users.boundary.Users;
import torii.users.entity.User;

/**
 * Runs inside Payara Micro, with the clock given to the cleanup: what an ordinary caller can grow is bounded in number
 * or deleted after its time, in a few statements however many rows there are.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    AuditTrail trail;

    @Inject
    Tokens tokens;

    @Inject
    Sessions sessions;

    @Inject
    Users users;

    @Resource
    ManagedExecutorService executor;

    static long count(String sql, String parameter) throws NamingException, SQLException {
        var dataSource = (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void auditRecordsOlderThanTheRetentionAreDeleted() {
        var username = "retained-" + UUID.randomUUID();
        var now = Instant.now();
        var old = new AuditTally.Key(AuditEvent.LOGIN, username, "192.0.2.1", null, AuditEvent.FAILURE);
        var recent = new AuditTally.Key(AuditEvent.LOGIN, username, "192.0.2.2", null, AuditEvent.FAILURE);
        trail.write(Map.of(old, new AuditTally.Count(now.minus(Duration.ofDays(91)), null, 5),
                recent, new AuditTally.Count(now.minus(Duration.ofDays(89)), null, 7)));
        assertEquals(2, trail.newest(username, 0, 10).size());
        trail.deleteOlderThan(now.minus(Duration.ofDays(90)));
        var left = trail.newest(username, 0, 10);
        assertEquals(1, left.size());
        assertEquals("192.0.2.2", left.get(0).clientAddress());
        assertEquals(7, left.get(0).count());
    }

    /** A new user with a name of the given prefix, logged in the given number of times one after the other. */
    User userWithSessions(String prefix, int logins) {
        var username = prefix + UUID.randomUUID().toString().substring(0, 8);
        users.create(new User(username, null, null, "", Set.of("user")), "long-enough-password", false);
        var user = users.find(username).orElseThrow();
        for (int i = 0; i < logins; i++) {
            tokens.startSession(user, "chat", "me");
        }
        return user;
    }

    /**
     * More logins than a user may keep sessions end the oldest; the ended sessions, more than a thousand, go in one
     * cleanup; the refresh tokens go once past their idle lifetime, and the sessions at their absolute end.
     */
    @Test
    void sessionsAndRefreshTokensAreBoundedAndDeletedInBulk() throws Exception {
        var username = userWithSessions("sessions-", 1100).username();
        var allSessions = "SELECT COUNT(*) FROM sessions WHERE username = ?";
        var live = allSessions + " AND revoked IS NULL";
        var refreshTokens = "SELECT COUNT(*) FROM refresh_tokens t JOIN sessions s ON t.session_id = s.id "
                + "WHERE s.username = ?";
        assertEquals(50, count(live, username), "torii.sessions.max-per-user");
        var now = Instant.now();
        sessions.deleteExpired(now);
        assertEquals(50, count(allSessions, username), "the thousand and fifty ended sessions went at once");
        assertEquals(50, count(refreshTokens, username));
        sessions.deleteExpired(now.plus(Duration.ofDays(1)).plusSeconds(60));
        assertEquals(0, count(refreshTokens, username), "past their idle lifetime");
        assertEquals(50, count(allSessions, username));
        sessions.deleteExpired(now.plus(Duration.ofDays(31)));
        assertEquals(0, count(allSessions, username), "past their absolute end");
    }

    /** Logins of one user that finish at once past the limit each end an oldest session of their own; none fails. */
    @Test
    void loginsFinishingAtOncePastTheLimitEachEndAnotherSession() throws Exception {
        var user = userWithSessions("at-once-", 50);
        var username = user.username();
        var starts = new ArrayList<Future<?>>();
        for (int i = 0; i < 20; i++) {
            starts.add(executor.submit(() -> tokens.startSession(user, "chat", "me")));
        }
        for (var start : starts) {
            start.get(60, TimeUnit.SECONDS);
        }
        assertEquals(50, count("SELECT COUNT(*) FROM sessions WHERE username = ? AND revoked IS NULL", username));
        assertEquals(70, count("SELECT COUNT(*) FROM sessions WHERE username = ?", username));
    }
}
