package torii.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A login and everything descended from it: the family of refresh tokens that rotate from one password grant, bound
 * to the client that logged in. Revoking it ends every refresh token of the family and every access token that names
 * it in {@code sid}.
 */
@Entity
@Table(name = "sessions")
@NamedQuery(name = Session.ENDED_BEFORE, query = "SELECT s FROM Session s WHERE s.expires < :now")
public class Session {

    public static final String ENDED_BEFORE = "Session.endedBefore";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(length = 1024)
    private String scope;

    /** When the user gave the password; a password chosen after it ends the session. */
    @Column(name = "logged_in", nullable = false)
    private Instant loggedIn;

    /** The absolute end, however often the session is refreshed. */
    @Column(nullable = false)
    private Instant expires;

    private Instant revoked;

    protected Session() {
    }

    public Session(String username, String clientId, String scope, Instant loggedIn, Instant expires) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.clientId = clientId;
        this.scope = scope;
        this.loggedIn = loggedIn;
        this.expires = expires;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String clientId() {
        return clientId;
    }

    public String scope() {
        return scope == null ? "" : scope;
    }

    public Instant loggedIn() {
        return loggedIn;
    }

    public Instant expires() {
        return expires;
    }

    public boolean revoked() {
        return revoked != null;
    }

    public void revoke(Instant now) {
        if (revoked == null) {
            revoked = now;
        }
    }
}
