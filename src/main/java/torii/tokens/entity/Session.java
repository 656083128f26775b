package torii.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A login and everything descended from it: the family of refresh tokens that rotate from one grant, bound to the
 * client that asked. Revoking it ends every refresh token of the family and every access token that names it in
 * {@code sid}.
 * <p>A login at the login page is a session of its own, the browser's: it has no tokens but the cookie by which the
 * browser proves it, and each client's session started from it by an authorization code names it in {@code login};
 * ending it ends them.
 */
@Entity
@Table(name = "sessions", indexes = {@Index(name = "sessions_username", columnList = "username"),
        @Index(name = "sessions_cookie", columnList = "cookie"), @Index(name = "sessions_login", columnList = "login_id")})
// Their refresh tokens are deleted first (RefreshToken.OF_ENDED_SESSIONS).
@NamedQuery(name = Session.ENDED, query = "DELETE FROM Session s WHERE s.revoked IS NOT NULL OR s.expires < :now")
@NamedQuery(name = Session.OF_USER, query = "DELETE FROM Session s WHERE s.username = :username")
@NamedQuery(name = Session.OF_LOGIN, query = "SELECT s FROM Session s WHERE s.login = :login AND s.revoked IS NULL")
@NamedQuery(name = Session.BY_COOKIE, query = "SELECT s FROM Session s WHERE s.cookie = :cookie")
@NamedQuery(name = Session.LIVE_OF_USER, query = "SELECT s FROM Session s WHERE s.username = :username "
        + "AND s.revoked IS NULL AND s.expires > :now ORDER BY s.loggedIn")
public class Session {

    public static final String ENDED = "Session.ended";
    public static final String OF_USER = "Session.ofUser";
    public static final String LIVE_OF_USER = "Session.liveOfUser";
    public static final String OF_LOGIN = "Session.ofLogin";
    public static final String BY_COOKIE = "Session.byCookie";
    /**
     * The longest scope a session and its tokens may carry: about a hundred applications. It keeps an access token
     * under 8 KB, the longest request header Payara accepts, with room to spare.
     */
    public static final int MAX_SCOPE = 4096;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    /** Room for a user granted many applications; a longer scope is refused at login (see {@link #MAX_SCOPE}). */
    @Column(length = MAX_SCOPE)
    private String scope;

    /** The user's stamp at login; when the user's changes, the session is over. Null in rows from before stamps. */
    @Column(length = 32)
    private String stamp;

    /** When the user gave the password; a password chosen after it ends the session. */
    @Column(name = "logged_in", nullable = false)
    private Instant loggedIn;

    /** The absolute end, however often the session is refreshed. */
    @Column(nullable = false)
    private Instant expires;

    private Instant revoked;

    /** A browser's login: base64url of the SHA-256 of its cookie's value; null for every other session. */
    @Column(length = 43)
    private String cookie;

    /** The browser's login this session was started from by an authorization code; null for every other session. */
    @Column(name = "login_id", length = 36)
    private String login;

    protected Session() {
    }

    public Session(String username, String stamp, String clientId, String scope, Instant loggedIn, Instant expires) {
        if (scope.length() > MAX_SCOPE) {
            throw new IllegalArgumentException("scope longer than " + MAX_SCOPE);
        }
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.stamp = stamp;
        this.clientId = clientId;
        this.scope = scope;
        this.loggedIn = loggedIn;
        this.expires = expires;
    }

    /** A browser's login, proven by the cookie whose hash is given; it holds no scope and no tokens. */
    public static Session browser(String username, String stamp, String clientId, String cookieHash, Instant loggedIn,
            Instant expires) {
        var session = new Session(username, stamp, clientId, "", loggedIn, expires);
        session.cookie = cookieHash;
        return session;
    }

    /** A client's session started from a browser's login: it shares the login's time and end. */
    public static Session of(Session login, String clientId, String scope) {
        var session = new Session(login.username, login.stamp, clientId, scope, login.loggedIn, login.expires);
        session.login = login.id;
        return session;
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

    public String stamp() {
        return stamp == null ? "" : stamp;
    }

    public Instant loggedIn() {
        return loggedIn;
    }

    public Instant expires() {
        return expires;
    }

    /** Whether this is a browser's login, proven by a cookie. */
    public boolean browser() {
        return cookie != null;
    }

    /** The browser's login this session descends from, if any. */
    public String login() {
        return login;
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
