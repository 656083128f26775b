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

    /** A new password chosen by or for the user. */
    public User changePassword(String hash) {
        passwordHash = Objects.requireNonNull(hash, "hash");
        passwordChangedAt = Instant.now();
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

    public User disable() {
        disabled = true;
        return this;
    }

    public User enable() {
        disabled = false;
        return this;
    }
}
