package torii.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import torii.clients.control.RedirectUris;
import torii.platform.control.OpaqueValues;

/**
 * An application that asks for tokens: public (a browser page or app, which cannot keep a secret) or confidential
 * (a service with a secret, stored as a hash). A confidential client comes from the configuration or is made by an
 * administrator; only the latter are changed through the admin API. Its stamp is carried by the tokens it gets for
 * itself, so that a new secret or a disable ends them.
 */
@Entity
@Table(name = "clients")
@NamedQuery(name = Client.ALL, query = "SELECT c FROM Client c ORDER BY c.clientId")
public class Client {

    public static final String ALL = "Client.all";
    /**
     * The longest client id: its usage is counted under {@code client:<id>}, in a column of 64 characters shared
     * with usernames.
     */
    public static final int MAX_ID = 48;
    /** What an administrator may name a client: also the {@code sub} of its tokens. */
    public static final String ID = "[a-z][a-z0-9-]{1,47}";
    /** Where a client's usage and rate limit are counted: never a username, which has no colon. */
    public static final String METERED_PREFIX = "client:";

    @Id
    @Column(name = "client_id", length = 64)
    private String clientId;

    /** Base64url of the SHA-256 of the secret; null for a public client. */
    @Column(name = "secret_hash", length = 43)
    private String secretHash;

    /** Null in rows from before clients could be disabled: enabled. */
    private Boolean disabled;

    /** Made through the admin API; null or false for the configuration's clients. */
    private Boolean managed;

    @Column(length = 22)
    private String stamp;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Where its authorization codes may be sent, space-separated; null for none. */
    @Column(name = "redirect_uris", length = RedirectUris.MAX_COUNT * (RedirectUris.MAX_LENGTH + 1))
    private String redirectUris;

    protected Client() {
    }

    public Client(String clientId, String secretHash) {
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.stamp = newStamp();
        this.createdAt = Instant.now();
    }

    /** A client made by an administrator: confidential with a secret's hash, public without. */
    public static Client managed(String clientId, String secretHash) {
        var client = new Client(clientId, secretHash);
        client.managed = true;
        return client;
    }

    public String clientId() {
        return clientId;
    }

    public boolean confidential() {
        return secretHash != null;
    }

    public boolean disabled() {
        return Boolean.TRUE.equals(disabled);
    }

    public boolean managed() {
        return Boolean.TRUE.equals(managed);
    }

    /** What the client's own tokens must carry; empty for a row from before stamps. */
    public String stamp() {
        return stamp == null ? "" : stamp;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<String> redirectUris() {
        return RedirectUris.split(redirectUris);
    }

    /** Checked by {@link RedirectUris#checked} first. */
    public void redirectUris(List<String> uris) {
        redirectUris = RedirectUris.join(uris);
    }

    /**
     * The configuration's word on the client: it may turn it public or give it a new secret, and it takes over a
     * client of the same id made by an administrator.
     */
    public void configured(String hash) {
        secret(hash);
        managed = null;
    }

    /** A new secret ends the client's own tokens. */
    public void secret(String hash) {
        if (hash == null ? secretHash != null : !hash.equals(secretHash)) {
            stamp = newStamp();
        }
        secretHash = hash;
    }

    /** A disable ends the client's tokens; enabling it again does not bring them back. */
    public void disabled(boolean disable) {
        if (disable && !disabled()) {
            stamp = newStamp();
        }
        disabled = disable;
    }

    /** In constant time, so the answer's timing tells nothing of the stored hash. */
    public boolean secretMatches(String hash) {
        return secretHash != null && hash != null && MessageDigest.isEqual(
                Base64.getUrlDecoder().decode(secretHash), Base64.getUrlDecoder().decode(hash));
    }

    static String newStamp() {
        return OpaqueValues.random(16);
    }
}
