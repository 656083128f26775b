package torii.clients.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A client just made or given a new secret: the only answer that shows the secret. */
@JsonbPropertyOrder({"client_id", "client_secret", "type", "source", "disabled", "created_at", "redirect_uris"})
public record NewClient(String client_id, String client_secret, String type, String source, boolean disabled,
        Instant created_at, List<String> redirect_uris) {

    NewClient(ClientInfo client, String secret) {
        this(client.client_id(), secret, client.type(), client.source(), client.disabled(), client.created_at(),
                client.redirect_uris());
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "NewClient[" + client_id + "]";
    }
}
