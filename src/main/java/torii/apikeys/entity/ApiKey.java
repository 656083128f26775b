package torii.apikeys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import torii.apps.entity.Limits;

/**
 * A user's long-lived key for their own scripts, known only by the SHA-256 hash of its value. It may name the
 * applications it is for; with none named it is for all the user's applications at the time of each call.
 */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKey.BY_HASH, query = "SELECT k FROM ApiKey k WHERE k.hash = :hash")
@NamedQuery(name = ApiKey.OF_USER, query = "SELECT k FROM ApiKey k WHERE k.username = :user ORDER BY k.createdAt, k.id")
@NamedQuery(name = ApiKey.COUNT_OF_USER, query = "SELECT COUNT(k) FROM ApiKey k WHERE k.username = :user")
@NamedQuery(name = ApiKey.PAGE, query = "SELECT k FROM ApiKey k WHERE :user IS NULL OR k.username = :user "
        + "ORDER BY k.username, k.createdAt, k.id")
@NamedQuery(name = ApiKey.COUNT, query = "SELECT COUNT(k) FROM ApiKey k WHERE :user IS NULL OR k.username = :user")
@NamedQuery(name = ApiKey.DELETE_OF_USER, query = "DELETE FROM ApiKey k WHERE k.username = :user")
@NamedQuery(name = ApiKey.DELETE_EXPIRED, query = "DELETE FROM ApiKey k WHERE k.expiresAt < :before")
@NamedQuery(name = ApiKey.TOUCH, query = "UPDATE ApiKey k SET k.lastUsedAt = :now WHERE k.id = :id")
public class ApiKey {

    public static final String BY_HASH = "ApiKey.byHash";
    public static final String OF_USER = "ApiKey.ofUser";
    public static final String COUNT_OF_USER = "ApiKey.countOfUser";
    public static final String PAGE = "ApiKey.page";
    public static final String COUNT = "ApiKey.count";
    public static final String DELETE_OF_USER = "ApiKey.deleteOfUser";
    public static final String DELETE_EXPIRED = "ApiKey.deleteExpired";
    public static final String TOUCH = "ApiKey.touch";

    @Id
    @Column(length = 36)
    private String id;

    /** Base64url of the SHA-256 of the key. */
    @Column(nullable = false, unique = true, length = 43)
    private String hash;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(nullable = false, length = 64)
    private String name;

    /** The application ids, separated by spaces; null for all the user's applications. */
    @Column(length = 1100)
    private String apps;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Column(name = "tokens_per_day")
    private Long tokensPerDay;

    @Column(name = "tokens_per_month")
    private Long tokensPerMonth;

    protected ApiKey() {
    }

    public ApiKey(String hash, String username, String name, List<String> apps, Instant createdAt, Instant expiresAt,
            Limits limits) {
        this.id = UUID.randomUUID().toString();
        this.hash = hash;
        this.username = username;
        this.name = name;
        this.apps = apps == null ? null : String.join(" ", apps);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.requestsPerMinute = limits.requestsPerMinute();
        this.tokensPerDay = limits.tokensPerDay();
        this.tokensPerMonth = limits.tokensPerMonth();
    }

    public Limits limits() {
        return new Limits(requestsPerMinute, tokensPerDay, tokensPerMonth);
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String name() {
        return name;
    }

    /** The applications named, or null for all the user's. */
    public List<String> apps() {
        return apps == null ? null : Arrays.asList(apps.split(" "));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
