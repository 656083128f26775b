package torii.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One recorded event, or several alike within a minute; texts are cut to their column's length, since a hostile username may be long. */
@Entity
@Table(name = "audit_events", indexes = {@Index(name = "audit_events_username", columnList = "username"),
        @Index(name = "audit_events_time", columnList = "event_time")})
@NamedQuery(name = AuditRecord.OLDER_THAN, query = "DELETE FROM AuditRecord a WHERE a.time < :before")
public class AuditRecord {

    public static final String OLDER_THAN = "AuditRecord.olderThan";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "event_time", nullable = false)
    private Instant time;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(length = 255)
    private String username;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    /** Who acted, when it was not the user themselves: an administrator changing a user. */
    @Column(length = 64)
    private String actor;

    @Column(nullable = false, length = 32)
    private String outcome;

    @Column(length = 255)
    private String detail;

    /** How many such events this row stands for, within a minute; null in rows from before counting, which are one. */
    @Column(name = "event_count")
    private Integer count;

    protected AuditRecord() {
    }

    public AuditRecord(Instant time, String action, String username, String clientAddress, String actor,
            String outcome, String detail, int count) {
        this.id = UUID.randomUUID().toString();
        this.time = time;
        this.action = cut(action, 64);
        this.username = cut(username, 255);
        this.clientAddress = cut(clientAddress, 64);
        this.actor = cut(actor, 64);
        this.outcome = cut(outcome, 32);
        this.detail = cut(detail, 255);
        this.count = count;
    }

    static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    public String actor() {
        return actor;
    }

    public Instant time() {
        return time;
    }

    public String action() {
        return action;
    }

    public String username() {
        return username;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public int count() {
        return count == null ? 1 : count;
    }
}
