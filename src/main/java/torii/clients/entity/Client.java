package torii.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * An application that asks for tokens: public (a browser page or app, which cannot keep a secret) or confidential
 * (a service with a secret, stored as a hash).
 */
@Entity
@Table(name = "clients")
@NamedQuery(name = Client.ALL, query = "SELECT c FROM Client c")
public class Client {

    public static final String ALL = "Client.all";

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    /** Base64url of the SHA-256 of the secret; null for a public client. */
    @Column(name = "secret_hash", length = 43)
    private String secretHash;

    protected Client() {
    }

    public Client(String clientId, String secretHash) {
        this.clientId = clientId;
        this.secretHash = secretHash;
    }

    public String clientId() {
        return clientId;
    }

    public boolean confidential() {
        return secretHash != null;
    }

    /** A changed configuration may turn a client public or give it a new secret. */
    public void secretHash(String hash) {
        secretHash = hash;
    }

    /** In constant time, so the answer's timing tells nothing of the stored hash. */
    public boolean secretMatches(String hash) {
        return secretHash != null && hash != null && MessageDigest.isEqual(
                Base64.getUrlDecoder().decode(secretHash), Base64.getUrlDecoder().decode(hash));
    }
}
