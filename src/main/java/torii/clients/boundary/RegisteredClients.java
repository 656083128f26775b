package torii.clients.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.clients.control.ClientCredentials;
import torii.clients.control.RedirectUris;
import torii.clients.entity.Client;
import torii.platform.control.DemoMode;
import torii.platform.control.SecretFiles;

/**
 * Registers the clients at start: the public clients {@code docs} (the Swagger UI page) and {@code chat} (the front
 * end and the console), the public and confidential clients of the configuration, and in demo mode the confidential
 * client {@code demo-service}; each with the redirect URIs of {@code torii.client.ID.redirect-uris}; and removes every
 * other client that the configuration made: those made by administrators stay.
 */
@Startup
@Singleton
public class RegisteredClients {

    private static final Logger LOG = Logger.getLogger(RegisteredClients.class.getName());
    static final List<String> PUBLIC = List.of("docs", "chat");
    /** The pages of this service that sign in: the chat page and the console, and Swagger UI's redirect page. */
    static final Map<String, String> OWN_PAGES = Map.of("chat", "/,/admin", "docs", "/docs/oauth2-redirect.html");
    static final String DEMO_CLIENT = "demo-service";
    /** Public, like the demo users' passwords; the README names it. */
    static final String DEMO_SECRET = "demo-service-secret";
    static final int MIN_SECRET_LENGTH = 32;

    @Inject
    DemoMode demo;

    @Inject
    @ConfigProperty(name = "torii.clients.confidential")
    Optional<String> confidential;

    /** Web pages and apps elsewhere that sign users in with the authorization code flow but keep no secret. */
    @Inject
    @ConfigProperty(name = "torii.clients.public")
    Optional<String> publicClients;

    @Inject
    Config config;

    @Inject
    Clients clients;

    @PostConstruct
    void register() {
        var registered = new HashSet<>(PUBLIC);
        PUBLIC.forEach(id -> clients.register(id, null, redirectUrisOf(id)));
        ids(publicClients).forEach(id -> {
            clients.register(id, null, redirectUrisOf(id));
            registered.add(id);
        });
        ids(confidential).forEach(id -> {
            clients.register(id, ClientCredentials.hash(secretOf(id)), redirectUrisOf(id));
            registered.add(id);
        });
        if (demo.on()) {
            clients.register(DEMO_CLIENT, ClientCredentials.hash(DEMO_SECRET), redirectUrisOf(DEMO_CLIENT));
            registered.add(DEMO_CLIENT);
        }
        // A client taken out of the configuration (its secret leaked, say) authenticates no more.
        var removed = clients.keepOnly(registered);
        if (!removed.isEmpty()) {
            LOG.warning("Clients no longer configured are removed: " + removed);
        }
    }

    static List<String> ids(Optional<String> list) {
        return list.stream().flatMap(ids -> Arrays.stream(ids.split(","))).map(String::strip)
                .filter(id -> !id.isEmpty()).peek(id -> {
                    if (id.length() > Client.MAX_ID) {
                        throw new IllegalStateException("The client id " + id + " is longer than " + Client.MAX_ID
                                + " characters");
                    }
                }).toList();
    }

    /** torii.client.ID.redirect-uris, comma-separated; the chat page's and Swagger UI's pages by default. */
    List<String> redirectUrisOf(String id) {
        var name = "torii.client." + id + ".redirect-uris";
        var uris = config.getOptionalValue(name, String.class).or(() -> Optional.ofNullable(OWN_PAGES.get(id)))
                .stream().flatMap(list -> Arrays.stream(list.split(","))).map(String::strip)
                .filter(uri -> !uri.isEmpty()).toList();
        try {
            return RedirectUris.checked(uris, name);
        } catch (RuntimeException refused) {
            throw new IllegalStateException(refused.getMessage(), refused);
        }
    }

    /** torii.client.ID.secret, or the first line of the file torii.client.ID.secret-file. */
    String secretOf(String id) {
        var prefix = "torii.client." + id + ".";
        var secret = config.getOptionalValue(prefix + "secret", String.class)
                .or(() -> config.getOptionalValue(prefix + "secret-file", String.class)
                        .map(file -> SecretFiles.read(prefix + "secret-file", file)))
                .orElseThrow(() -> new IllegalStateException("The confidential client " + id + " needs "
                        + prefix + "secret or " + prefix + "secret-file"));
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(prefix + "secret must be at least " + MIN_SECRET_LENGTH
                    + " characters long; generate one with: openssl rand -hex 32");
        }
        LOG.info("Registered the confidential client " + id);
        return secret;
    }
}
