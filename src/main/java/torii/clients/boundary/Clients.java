package torii.clients.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.clients.control.ClientCredentials;
import torii.clients.entity.Client;

/** The client registry: who may ask for tokens, and whether a request's client is who it says. */
@Stateless
public class Clients {

    @PersistenceContext
    EntityManager em;

    /** The client of a request that names none, as the FastAPI tutorial's clients send no client_id. */
    @Inject
    @ConfigProperty(name = "torii.clients.default", defaultValue = "docs")
    String defaultClient;

    /**
     * The client id of the request, if the client is registered and proves it: a confidential client with its
     * secret, a public client by its id alone. A public client that sends a secret has none to match.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String authenticate(ClientCredentials credentials) {
        var client = em.find(Client.class, credentials.clientId() == null ? defaultClient : credentials.clientId());
        var proven = client != null && (client.confidential()
                ? credentials.secret() != null && client.secretMatches(ClientCredentials.hash(credentials.secret()))
                : credentials.secret() == null);
        if (!proven) {
            throw ClientErrors.invalidClient(credentials.viaHeader());
        }
        return client.clientId();
    }

    /** A confidential client proven by its secret; public clients and requests naming no client are refused. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String authenticateConfidential(ClientCredentials credentials) {
        if (credentials.clientId() == null) {
            throw ClientErrors.clientAuthenticationRequired();
        }
        var client = em.find(Client.class, credentials.clientId());
        if (client == null || !client.confidential()) {
            throw ClientErrors.invalidClient(credentials.viaHeader());
        }
        return authenticate(credentials);
    }

    /** Removes every client but these; returns the ids removed. */
    public List<String> keepOnly(Set<String> clientIds) {
        var removed = em.createNamedQuery(Client.ALL, Client.class).getResultList().stream()
                .filter(client -> !clientIds.contains(client.clientId())).toList();
        removed.forEach(em::remove);
        return removed.stream().map(Client::clientId).sorted().toList();
    }

    /** Registers the client, or updates its secret: public when the hash is null. */
    public void register(String clientId, String secretHash) {
        var client = em.find(Client.class, clientId);
        if (client == null) {
            em.persist(new Client(clientId, secretHash));
        } else {
            client.secretHash(secretHash);
        }
    }
}
