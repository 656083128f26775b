package torii.users.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.users.control.PasswordHasher;
import torii.users.entity.User;

/**
 * The demo accounts exist only while demo mode is on: the FastAPI tutorial's users, johndoe/secret, and alice/
 * secretalice, who is disabled; and an administrator, admin/secretadmin. A start without demo mode disables every one
 * of them still enabled, so that their well-known passwords open nothing.
 */
@Startup
@Singleton
public class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class.getName());

    /** The tutorial's own hash of "secret", kept as written so that hashes brought from passlib are shown to verify. */
    static final String JOHNDOE_HASH = "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW";
    /** Public, as the README names them: what makes these accounts demo accounts. */
    static final Map<String, String> PASSWORDS = Map.of("johndoe", "secret", "alice", "secretalice",
            "admin", "secretadmin");

    @Inject
    @ConfigProperty(name = "torii.demo", defaultValue = "false")
    boolean demo;

    @Inject
    Users users;

    @Inject
    PasswordHasher hasher;

    @PostConstruct
    void create() {
        if (!demo) {
            var disabled = users.disableDemoAccounts(PASSWORDS);
            if (!disabled.isEmpty()) {
                LOG.warning("Demo mode is off: the demo accounts " + disabled + " are disabled");
            }
            return;
        }
        LOG.warning("Demo mode: the demo users johndoe, alice and admin exist with well-known passwords");
        users.addDemo(new User("johndoe", "johndoe@example.com", "John Doe", JOHNDOE_HASH, Set.of("user")));
        if (users.find("alice").isEmpty()) {
            users.addDemo(new User("alice", "alice@example.com", "Alice Wonderson", hasher.hash("secretalice"),
                    Set.of("user")).disable());
        }
        if (users.find("admin").isEmpty()) {
            users.addDemo(new User("admin", "admin@example.com", "Administrator", hasher.hash("secretadmin"),
                    Set.of("user", "admin")));
        }
    }
}
