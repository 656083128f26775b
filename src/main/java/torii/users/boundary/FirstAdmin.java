package torii.users.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.errors.boundary.ApiException;
import torii.users.control.PasswordHasher;
import torii.users.control.PasswordPolicy;
import torii.users.entity.User;
import torii.security.control.SecretFiles;

/**
 * When no administrator exists, creates the one named by {@code torii.admin.username} with the password from
 * {@code torii.admin.password} or the file {@code torii.admin.password-file}, which must keep the password rules as any
 * other. There is no built-in password.
 */
@Startup
@Singleton
@DependsOn("DemoUsers")
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @Inject
    @ConfigProperty(name = "torii.admin.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "torii.admin.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "torii.admin.password-file")
    Optional<String> passwordFile;

    @Inject
    Users users;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @PostConstruct
    void create() {
        if (users.hasAdministrator()) {
            return;
        }
        var secret = password.or(() -> passwordFile.map(file -> SecretFiles.read("torii.admin.password-file", file)));
        if (username.isEmpty() || secret.isEmpty()) {
            LOG.warning("No administrator exists: set torii.admin.username and torii.admin.password or "
                    + "torii.admin.password-file to create one at the next start");
            return;
        }
        String accepted;
        try {
            accepted = policy.acceptNew(secret.get(), "The administrator's password");
        } catch (ApiException broken) {
            // A configuration error: the deployment stops, naming the rule and never the password.
            throw new IllegalStateException("torii.admin.password: " + broken.getMessage());
        }
        if (!users.addIfAbsent(new User(username.get(), null, "Administrator", hasher.hash(accepted),
                Set.of("user", User.ADMIN)))) {
            LOG.warning("No administrator exists and the user " + username.get() + " does too: not changed");
            return;
        }
        LOG.info("Created the administrator " + username.get());
    }
}
