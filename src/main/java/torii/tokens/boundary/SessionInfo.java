package torii.tokens.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import torii.tokens.entity.Session;

/** A live login session as administrators see it; components are named as the JSON fields are. */
@JsonbPropertyOrder({"id", "client_id", "scope", "logged_in", "expires"})
public record SessionInfo(String id, String client_id, String scope, Instant logged_in, Instant expires) {

    static SessionInfo of(Session session) {
        return new SessionInfo(session.id(), session.clientId(), session.scope(), session.loggedIn(),
                session.expires());
    }
}
