package torii.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An authorization code (RFC 6749 section 4.1.2), known only by the SHA-256 hash of its value: issued to one client for
 * one redirect URI and one PKCE challenge, after a login, and redeemed once within its short life. Once redeemed it
 * names the session it started, so that a second redemption can end that session (section 4.1.2).
 */
@Entity
@Table(name = "authorization_codes", indexes = {@Index(name = "authorization_codes_expires", columnList = "expires"),
        @Index(name = "authorization_codes_login", columnList = "login_id")})
// A code is kept past its life only long enough to tell a late reuse from a code never issued.
@NamedQuery(name = AuthorizationCode.EXPIRED, query = "DELETE FROM AuthorizationCode c WHERE c.expires < :before")
// The one write that decides which of two concurrent redemptions wins: only one finds the code unused.
@NamedQuery(name = AuthorizationCode.REDEEM, query = "UPDATE AuthorizationCode c SET c.session = :session "
        + "WHERE c.hash = :hash AND c.session IS NULL")
@NamedQuery(name = AuthorizationCode.PENDING_OF_LOGIN, query = "SELECT COUNT(c) FROM AuthorizationCode c "
        + "WHERE c.login = :login AND c.session IS NULL AND c.expires > :now")
@NamedQuery(name = AuthorizationCode.OF_USER, query = "DELETE FROM AuthorizationCode c WHERE c.username = :username")
public class AuthorizationCode {

    public static final String EXPIRED = "AuthorizationCode.expired";
    public static final String REDEEM = "AuthorizationCode.redeem";
    public static final String OF_USER = "AuthorizationCode.ofUser";
    public static final String PENDING_OF_LOGIN = "AuthorizationCode.pendingOfLogin";
    /** The longest nonce kept; OpenID Connect sets no limit, so one is set here (and refused above it). */
    public static final int MAX_NONCE = 255;
    /** The longest redirect URI a client may register, and so the longest one a code can be bound to. */
    public static final int MAX_REDIRECT_URI = 512;

    @Id
    @Column(length = 43)
    private String hash;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "redirect_uri", nullable = false, length = MAX_REDIRECT_URI)
    private String redirectUri;

    /** The S256 code challenge: base64url of a SHA-256, 43 characters. */
    @Column(nullable = false, length = 43)
    private String challenge;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(length = Session.MAX_SCOPE)
    private String scope;

    @Column(length = MAX_NONCE)
    private String nonce;

    /** The login session of the browser that authorized it. */
    @Column(name = "login_id", nullable = false, length = 36)
    private String login;

    @Column(nullable = false)
    private Instant expires;

    /** The session its redemption started; null while unredeemed. */
    @Column(name = "session_id", length = 36)
    private String session;

    protected AuthorizationCode() {
    }

    public AuthorizationCode(String hash, String clientId, String redirectUri, String challenge, String username,
            String scope, String nonce, String login, Instant expires) {
        this.hash = hash;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.challenge = challenge;
        this.username = username;
        this.scope = scope;
        this.nonce = nonce;
        this.login = login;
        this.expires = expires;
    }

    public String hash() {
        return hash;
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public String challenge() {
        return challenge;
    }

    public String username() {
        return username;
    }

    public String scope() {
        return scope == null ? "" : scope;
    }

    public String nonce() {
        return nonce;
    }

    public String login() {
        return login;
    }

    public Instant expires() {
        return expires;
    }

    public String session() {
        return session;
    }
}
