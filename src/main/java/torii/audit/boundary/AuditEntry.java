package torii.audit.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import torii.audit.entity.AuditRecord;

/** A recorded event as administrators read it (the first of {@code count} alike within a minute); components are named as the JSON fields are. */
@JsonbPropertyOrder({"time", "action", "username", "client_address", "actor", "outcome", "detail", "count"})
public record AuditEntry(Instant time, String action, String username, String client_address, String actor,
        String outcome, String detail, int count) {

    static AuditEntry of(AuditRecord record) {
        return new AuditEntry(record.time(), record.action(), record.username(), record.clientAddress(),
                record.actor(), record.outcome(), record.detail(), record.count());
    }
}
