package torii.apps.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

/** An application given to a user, a group or a client, with the limits of its use, if any. */
@Entity
@Table(name = "app_grants", uniqueConstraints = @UniqueConstraint(columnNames = {"app_id", "kind", "grantee"}))
@NamedQuery(name = Grant.OF_APP, query = "SELECT g FROM Grant g WHERE g.appId = :app ORDER BY g.kind, g.grantee")
@NamedQuery(name = Grant.FIND,
        query = "SELECT g FROM Grant g WHERE g.appId = :app AND g.kind = :kind AND g.grantee = :grantee")
@NamedQuery(name = Grant.HOLDING, query = "SELECT g FROM Grant g WHERE g.appId = :app AND "
        + "((g.kind = :kind AND g.grantee = :caller) "
        + "OR (g.kind = torii.apps.entity.Grantee.GROUP AND g.grantee IN :groups))")
@NamedQuery(name = Grant.REACHING, query = "SELECT g FROM Grant g WHERE (g.kind = :kind AND g.grantee = :caller) "
        + "OR (g.kind = torii.apps.entity.Grantee.GROUP AND g.grantee IN :groups) ORDER BY g.appId, g.kind, g.grantee")
@NamedQuery(name = Grant.DELETE_OF_APP, query = "DELETE FROM Grant g WHERE g.appId = :app")
@NamedQuery(name = Grant.DELETE_OF,
        query = "DELETE FROM Grant g WHERE g.kind = :kind AND g.grantee = :grantee")
public class Grant {

    public static final String OF_APP = "Grant.ofApp";
    public static final String FIND = "Grant.find";
    /** The grants by which the caller {@code :caller} of kind {@code :kind}, or a group, holds {@code :app}. */
    public static final String HOLDING = "Grant.holding";
    /** The grants by which the caller {@code :caller} of kind {@code :kind}, or a group, holds any application. */
    public static final String REACHING = "Grant.reaching";
    public static final String DELETE_OF_APP = "Grant.deleteOfApp";
    public static final String DELETE_OF = "Grant.deleteOf";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "app_id", nullable = false, length = 32)
    private String appId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Grantee kind;

    @Column(nullable = false, length = 64)
    private String grantee;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Column(name = "tokens_per_day")
    private Long tokensPerDay;

    @Column(name = "tokens_per_month")
    private Long tokensPerMonth;

    protected Grant() {
    }

    public Grant(String appId, Grantee kind, String grantee) {
        this.id = UUID.randomUUID().toString();
        this.appId = appId;
        this.kind = kind;
        this.grantee = grantee;
        this.grantedAt = Instant.now();
    }

    public String appId() {
        return appId;
    }

    public Grantee kind() {
        return kind;
    }

    public String grantee() {
        return grantee;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public Limits limits() {
        return new Limits(requestsPerMinute, tokensPerDay, tokensPerMonth);
    }

    public Grant limits(Limits limits) {
        requestsPerMinute = limits.requestsPerMinute();
        tokensPerDay = limits.tokensPerDay();
        tokensPerMonth = limits.tokensPerMonth();
        return this;
    }
}
