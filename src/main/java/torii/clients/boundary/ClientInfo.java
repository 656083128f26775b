package torii.clients.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import torii.clients.entity.Client;

/**
 * A client as administrators see it, never with its secret: public or confidential, from the configuration or made
 * through the admin API, enabled or not. Components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"client_id", "type", "source", "disabled", "created_at", "redirect_uris"})
public record ClientInfo(String client_id, String type, String source, boolean disabled, Instant created_at,
        List<String> redirect_uris) {

    static ClientInfo of(Client client) {
        return new ClientInfo(client.clientId(), client.confidential() ? "confidential" : "public",
                client.managed() ? "admin" : "configuration", client.disabled(), client.createdAt(),
                client.redirectUris());
    }
}
