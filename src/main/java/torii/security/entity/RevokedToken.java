package torii.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An entry of the shared deny-list: the {@code jti} of a revoked access token, or the {@code sid} of an ended session,
 * kept until every token it denies has expired.
 */
@Entity
@Table(name = "revoked_tokens")
@NamedQueries({
        @NamedQuery(name = RevokedToken.SINCE,
                query = "SELECT r FROM RevokedToken r WHERE r.revoked >= :since AND r.until > :now"),
        @NamedQuery(name = RevokedToken.EXPIRED, query = "DELETE FROM RevokedToken r WHERE r.until < :now")})
public class RevokedToken {

    public static final String SINCE = "RevokedToken.since";
    public static final String EXPIRED = "RevokedToken.expired";

    @Id
    @Column(name = "token_id", length = 64)
    private String tokenId;

    @Column(nullable = false)
    private Instant revoked;

    /** When the last token it denies expires, clock skew included. */
    @Column(name = "denied_until", nullable = false)
    private Instant until;

    protected RevokedToken() {
    }

    public RevokedToken(String tokenId, Instant revoked, Instant until) {
        this.tokenId = tokenId;
        this.revoked = revoked;
        this.until = until;
    }

    public String tokenId() {
        return tokenId;
    }

    public Instant until() {
        return until;
    }
}
