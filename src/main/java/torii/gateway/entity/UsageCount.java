package torii.gateway.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A user's requests to one application on one day (UTC), and the tokens the backend reported for them. Counted with
 * an UPDATE that adds, so that instances counting at the same time lose nothing; the unique key lets only one of two
 * simultaneous first requests of a day insert the row.
 */
@Entity
@Table(name = "gateway_usage", uniqueConstraints = @UniqueConstraint(columnNames = {"username", "app_id", "usage_day"}))
@NamedQuery(name = UsageCount.ADD, query = "UPDATE UsageCount u SET u.requests = u.requests + :requests, "
        + "u.promptTokens = u.promptTokens + :prompt, u.completionTokens = u.completionTokens + :completion "
        + "WHERE u.username = :user AND u.appId = :app AND u.day = :day")
// An API key's own counts (for its budget) are kept under key:<id> and are no one's usage.
@NamedQuery(name = UsageCount.REPORT, query = "SELECT u FROM UsageCount u WHERE u.username NOT LIKE 'key:%' AND "
        + "(:user IS NULL OR u.username = :user) AND (:app IS NULL OR u.appId = :app) "
        + "AND u.day >= :from AND u.day <= :to ORDER BY u.day DESC, u.username, u.appId")
// Two sums of fields, each a Long by the JPA specification on every provider and database, rather than one of an
// expression, whose type the providers choose differently.
@NamedQuery(name = UsageCount.TOKENS, query = "SELECT SUM(u.promptTokens), SUM(u.completionTokens) FROM UsageCount u "
        + "WHERE u.username = :user AND u.appId = :app AND u.day >= :from AND u.day <= :to")
@NamedQuery(name = UsageCount.DELETE_OF_USER, query = "DELETE FROM UsageCount u WHERE u.username = :user")
@NamedQuery(name = UsageCount.DELETE_OF_APP, query = "DELETE FROM UsageCount u WHERE u.appId = :app")
public class UsageCount {

    public static final String ADD = "UsageCount.add";
    public static final String REPORT = "UsageCount.report";
    public static final String TOKENS = "UsageCount.tokens";
    public static final String DELETE_OF_USER = "UsageCount.deleteOfUser";
    public static final String DELETE_OF_APP = "UsageCount.deleteOfApp";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "app_id", nullable = false, length = 32)
    private String appId;

    @Column(name = "usage_day", nullable = false)
    private LocalDate day;

    @Column(nullable = false)
    private long requests;

    @Column(name = "prompt_tokens", nullable = false)
    private long promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private long completionTokens;

    protected UsageCount() {
    }

    public UsageCount(String username, String appId, LocalDate day, long requests, long promptTokens,
            long completionTokens) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.appId = appId;
        this.day = day;
        this.requests = requests;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
    }

    public String username() {
        return username;
    }

    public String appId() {
        return appId;
    }

    public LocalDate day() {
        return day;
    }

    public long requests() {
        return requests;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }
}
