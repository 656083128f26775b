package torii.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import java.util.Set;

/** A person or system that logs in with a username and password; the username is the token's subject. */
@Entity
// USER is a reserved word in H2 and PostgreSQL.
@Table(name = "users")
public class User {

    @Id
    @Column(length = 64)
    private String username;

    private String email;

    @Column(name = "full_name")
    private String fullName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

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

    public boolean disabled() {
        return disabled;
    }

    public Set<String> roles() {
        return roles;
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
