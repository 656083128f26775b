package torii.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A refresh token, known only by the SHA-256 hash of its value: the database never holds a usable token. Each works
 * once; the one it is exchanged for continues the same session.
 */
@Entity
@Table(name = "refresh_tokens", indexes = {@Index(name = "refresh_tokens_session", columnList = "session_id"),
        @Index(name = "refresh_tokens_created", columnList = "created")})
@NamedQueries({
        // The one write that decides which of two concurrent uses of a token wins: only one finds it unused.
        @NamedQuery(name = RefreshToken.USE,
                query = "UPDATE RefreshToken t SET t.used = :now WHERE t.hash = :hash AND t.used IS NULL"),
        // Past its idle lifetime a token can never be exchanged, used or not; its reuse can no longer be told either.
        @NamedQuery(name = RefreshToken.IDLE_BEFORE, query = "DELETE FROM RefreshToken t WHERE t.created < :before"),
        @NamedQuery(name = RefreshToken.OF_ENDED_SESSIONS, query = "DELETE FROM RefreshToken t WHERE t.session IN "
                + "(SELECT s.id FROM Session s WHERE s.revoked IS NOT NULL OR s.expires < :now)"),
        @NamedQuery(name = RefreshToken.OF_USER, query = "DELETE FROM RefreshToken t WHERE t.session IN "
                + "(SELECT s.id FROM Session s WHERE s.username = :username)")})
public class RefreshToken {

    public static final String USE = "RefreshToken.use";
    public static final String IDLE_BEFORE = "RefreshToken.idleBefore";
    public static final String OF_ENDED_SESSIONS = "RefreshToken.ofEndedSessions";
    public static final String OF_USER = "RefreshToken.ofUser";

    /** Base64url of the SHA-256 of the token's value. */
    @Id
    @Column(length = 43)
    private String hash;

    @Column(name = "session_id", nullable = false, length = 36)
    private String session;

    @Column(nullable = false)
    private Instant created;

    private Instant used;

    protected RefreshToken() {
    }

    public RefreshToken(String hash, String session, Instant created) {
        this.hash = hash;
        this.session = session;
        this.created = created;
    }

    public String hash() {
        return hash;
    }

    public String session() {
        return session;
    }

    public Instant created() {
        return created;
    }

    public boolean used() {
        return used != null;
    }
}
