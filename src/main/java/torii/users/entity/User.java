package torii.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import torii.platform.control.OpaqueValues;

/** A person or system that logs in with a username and password; the username is the token's subject. */
@Entity
// USER is a reserved word in H2 and PostgreSQL.
@Table(name = "users")
@NamedQuery(name = User.SEARCH, query = "SELECT u FROM User u WHERE LOWER(u.username) LIKE :q ESCAPE '!' "
        + "OR LOWER(u.email) LIKE :q ESCAPE '!' OR LOWER(u.fullName) LIKE :q ESCAPE '!' ORDER BY u.username")
@NamedQuery(name = User.COUNT, query = "SELECT COUNT(u) FROM User u WHERE LOWER(u.username) LIKE :q ESCAPE '!' "
        + "OR LOWER(u.email) LIKE :q ESCAPE '!' OR LOWER(u.fullName) LIKE :q ESCAPE '!'")
public class User {


    public static final String SEARCH = "User.search";
    public static final String COUNT = "User.count";
    public static final String ADMIN = "admin";

    @Id
    @Column(length = 64)
    private String username;

    private String email;

    @Column(name = "full_name")
    private String fullName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    // Nullable so that rows from before the column existed stay readable; null means never changed.
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    private boolean disabled;

    /** Set by an administrator with a password the user must replace before anything else; null in older rows. */
    @Column(name = "password_temporary")
    private Boolean passwordTemporary;

    /**
     * A random value that every token of the user carries and that a change ending them all replaces: a new password,
     * a disable. A user deleted and made again under the same name has another, so the old one's tokens stay dead.
     * Null in rows from before the column existed, which then match tokens that carry none.
     */
    @Column(length = 32)
    private String stamp;

    /** Made by demo mode with a well-known password; disabled whenever the service starts without demo mode. */
    private Boolean demo;

    @Convert(converter = RolesConverter.class)
    @Column(length = 1024, nullable = false)
    private Set<String> roles;

    @Version
    private long version;

    protected User() {
    }

    public User(String username, String email, String fullName, String passwordHash, Set<String> roles) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        this.username = username;
        this.email = email;
        this.fullName = fullName;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.passwordChangedAt = Instant.now();
        this.roles = Set.copyOf(roles);
        this.stamp = newStamp();
    }

    static String newStamp() {
        return OpaqueValues.random(16);
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    /** When the user last chose a password; sessions that began before it are over. */
    public Instant passwordChangedAt() {
        return passwordChangedAt == null ? Instant.EPOCH : passwordChangedAt;
    }

    /**
     * A new password chosen by or for the user: every token of the user ends. A demo account whose password is no
     * longer the well-known one is an account like any other.
     */
    public User changePassword(String hash) {
        passwordHash = Objects.requireNonNull(hash, "hash");
        passwordChangedAt = Instant.now();
        stamp = newStamp();
        demo = null;
        passwordTemporary = null;
        return this;
    }

    /** A password set for the user that lets them do nothing but choose their own; every token of the user ends. */
    public User temporaryPassword(String hash) {
        changePassword(hash);
        passwordTemporary = true;
        return this;
    }

    public boolean passwordTemporary() {
        return Boolean.TRUE.equals(passwordTemporary);
    }

    /** What the user's tokens must carry to be accepted; empty for a row from before stamps. */
    public String stamp() {
        return stamp == null ? "" : stamp;
    }

    public boolean demo() {
        return Boolean.TRUE.equals(demo);
    }

    public User markDemo() {
        demo = true;
        return this;
    }

    /** The same password hashed under a newer policy; unlike a change, it ends no session. */
    public User rehash(String hash) {
        passwordHash = Objects.requireNonNull(hash, "hash");
        return this;
    }

    public boolean disabled() {
        return disabled;
    }

    public Set<String> roles() {
        return roles;
    }

    public User describe(String email, String fullName) {
        this.email = email;
        this.fullName = fullName;
        return this;
    }

    public User assignRoles(Set<String> roles) {
        this.roles = Set.copyOf(roles);
        return this;
    }

    /** An enabled holder of the admin role: someone who can still administer. */
    public boolean administers() {
        return !disabled && roles.contains(ADMIN);
    }

    /** Every token of the user ends, and stays ended after the user is enabled again. */
    public User disable() {
        if (!disabled) {
            stamp = newStamp();
        }
        disabled = true;
        return this;
    }

    public User enable() {
        disabled = false;
        return this;
    }
}
