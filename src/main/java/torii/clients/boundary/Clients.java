package torii.clients.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.clients.control.ClientCredentials;
import torii.clients.control.ClientErrors;
import torii.clients.entity.Client;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.AuditEvent;
import torii.platform.entity.ClientChanged;
import torii.platform.entity.ClientRemoved;
import torii.platform.control.OpaqueValues;

/** The client registry: who may ask for tokens, and whether a request's client is who it says. */
@Stateless
public class Clients {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<ClientChanged> changed;

    @Inject
    Event<ClientRemoved> removed;

    @Inject
    Event<AuditEvent> audit;

    /** The client of a request that names none, as the FastAPI tutorial's clients send no client_id. */
    @Inject
    @ConfigProperty(name = "torii.clients.default", defaultValue = "docs")
    String defaultClient;

    /**
     * The client id of the request, if the client is registered, enabled and proves it: a confidential client with
     * its secret, a public client by its id alone. A public client that sends a secret has none to match.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String authenticate(ClientCredentials credentials) {
        return proven(credentials).clientId();
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

    /** The authenticated client itself, for a grant that needs more of it than its id. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Client proven(ClientCredentials credentials) {
        var client = em.find(Client.class, credentials.clientId() == null ? defaultClient : credentials.clientId());
        var proven = client != null && !client.disabled() && (client.confidential()
                ? credentials.secret() != null && client.secretMatches(ClientCredentials.hash(credentials.secret()))
                : credentials.secret() == null);
        if (!proven) {
            throw ClientErrors.invalidClient(credentials.viaHeader());
        }
        return client;
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clientId == null ? null : em.find(Client.class, clientId));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Client> all() {
        return em.createNamedQuery(Client.ALL, Client.class).getResultList();
    }

    /** Removes every client of the configuration but these, leaving those made by administrators; returns the ids. */
    public List<String> keepOnly(Set<String> clientIds) {
        var gone = all().stream().filter(client -> !client.managed() && !clientIds.contains(client.clientId()))
                .map(Client::clientId).toList();
        gone.forEach(this::remove);
        return gone;
    }

    /**
     * Registers the client of the configuration, or updates its secret and redirect URIs: public when the hash is
     * null.
     */
    public void register(String clientId, String secretHash, List<String> redirectUris) {
        var client = em.find(Client.class, clientId);
        if (client == null) {
            client = new Client(clientId, secretHash);
            em.persist(client);
        } else {
            client.configured(secretHash);
        }
        client.redirectUris(redirectUris);
        changed.fire(new ClientChanged(clientId));
    }

    /**
     * A client made by an administrator: confidential with a secret, which is not kept and is in this answer only, or
     * public without one; with the redirect URIs it may receive authorization codes at.
     */
    public NewClient create(String clientId, boolean confidential, List<String> redirectUris) {
        if (em.find(Client.class, clientId) != null) {
            throw new Refusal(Kind.CONFLICT, null, "A client with this id exists", null);
        }
        var secret = confidential ? newSecret() : null;
        var client = Client.managed(clientId, confidential ? ClientCredentials.hash(secret) : null);
        client.redirectUris(redirectUris);
        em.persist(client);
        record(AuditEvent.CLIENT_CREATE, clientId);
        return new NewClient(ClientInfo.of(client), secret);
    }

    /**
     * New redirect URIs for a client made by an administrator; codes already issued to a removed one can still be
     * redeemed there within their short life, since a code is bound to the URI it was issued for.
     */
    public Client redirectUris(String clientId, List<String> redirectUris) {
        var client = managed(clientId);
        client.redirectUris(redirectUris);
        record(AuditEvent.CLIENT_UPDATE, clientId);
        return client;
    }

    /** A new secret for a client made by an administrator: the old one and the client's own tokens stop working. */
    public NewClient rotate(String clientId) {
        var client = managed(clientId);
        if (!client.confidential()) {
            throw new Refusal(Kind.CONFLICT, null, "A public client has no secret", null);
        }
        var secret = newSecret();
        client.secret(ClientCredentials.hash(secret));
        record(AuditEvent.CLIENT_SECRET, clientId);
        return new NewClient(ClientInfo.of(client), secret);
    }

    /** Takes effect on the next request of every token issued to the client; enabling does not bring them back. */
    public Client disable(String clientId, boolean disable) {
        var client = existing(clientId);
        client.disabled(disable);
        record(disable ? AuditEvent.CLIENT_DISABLE : AuditEvent.CLIENT_ENABLE, clientId);
        return client;
    }

    /** A client made by an administrator goes, with its grants; its tokens stop working on their next request. */
    public void delete(String clientId) {
        managed(clientId);
        remove(clientId);
        record(AuditEvent.CLIENT_DELETE, clientId);
    }

    void remove(String clientId) {
        em.remove(existing(clientId));
        removed.fire(new ClientRemoved(clientId));
        changed.fire(new ClientChanged(clientId));
    }

    void record(String action, String clientId) {
        changed.fire(new ClientChanged(clientId));
        audit.fire(new AuditEvent(action, null, null, AuditEvent.SUCCESS, "client " + clientId));
    }

    Client existing(String clientId) {
        return Optional.ofNullable(em.find(Client.class, clientId))
                .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "Client not found", null));
    }

    Client managed(String clientId) {
        var client = existing(clientId);
        if (!client.managed()) {
            throw new Refusal(Kind.CONFLICT, null, "This client comes from the configuration; change it there", null);
        }
        return client;
    }

    /** 256 random bits: far beyond guessing, so a fast hash of it is enough to store. */
    static String newSecret() {
        return OpaqueValues.random(32);
    }
}
