package torii.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A local user made for an account at an upstream provider, found again by the provider and the subject there, never
 * by a name: a local user who happens to share the account's name is not taken over.
 */
@Entity
@Table(name = "linked_accounts", indexes = @Index(name = "linked_accounts_username", columnList = "username"))
@NamedQuery(name = LinkedAccount.OF_USER, query = "DELETE FROM LinkedAccount a WHERE a.username = :username")
public class LinkedAccount {

    public static final String OF_USER = "LinkedAccount.ofUser";
    /** OpenID Connect Core section 2 bounds a subject to 255 ASCII characters. */
    public static final int MAX_SUBJECT = 255;

    /** The provider's id, a space, and the subject there. */
    @Id
    @Column(name = "account_key", length = 300)
    private String key;

    @Column(nullable = false, length = 64)
    private String provider;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected LinkedAccount() {
    }

    public LinkedAccount(String provider, String subject, String username, Instant linkedAt) {
        this.key = key(provider, subject);
        this.provider = provider;
        this.username = username;
        this.linkedAt = linkedAt;
    }

    public static String key(String provider, String subject) {
        return provider + " " + subject;
    }

    public String username() {
        return username;
    }

    public String provider() {
        return provider;
    }
}
