package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Deployments;
import torii.tokens.entity.Session;
import torii.users.boundary.Users;

/**
 * Runs inside Payara Micro: an authorization code past its life is refused, a browser's login holds a bounded number
 * of unredeemed codes, and the cleanup deletes codes past their life in one statement.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationCodeRulesIT {

    static final String REDIRECT = "https://rp.example/callback";

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    Codes codes;

    @Inject
    Tokens tokens;

    @Inject
    Sessions sessions;

    @Inject
    Users users;

    Session login;
    CodeVerifier verifier;
    String challenge;

    @BeforeEach
    void logIn() {
        login = sessions.startBrowser(users.find("johndoe").orElseThrow(), "chat", UUID.randomUUID().toString());
        verifier = new CodeVerifier();
        challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
    }

    String issue() {
        return codes.issue(login, "chat", REDIRECT, challenge, "me", null).orElseThrow();
    }

    static long pending(String login) throws NamingException, SQLException {
        var dataSource = (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "SELECT COUNT(*) FROM authorization_codes WHERE login_id = ?")) {
            query.setString(1, login);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void aCodePastItsLifeIsRefused() throws Exception {
        var code = issue();
        assertTrue(tokens.redeem(code, "chat", REDIRECT, verifier.getValue(), Instant.now().plusSeconds(61)).isEmpty(),
                "torii.authorize.code-seconds, 60 by default");
        var fresh = issue();
        assertTrue(tokens.redeem(fresh, "chat", REDIRECT, verifier.getValue()).isPresent(), "a live code is redeemed");
    }

    @Test
    void aLoginHoldsABoundedNumberOfUnredeemedCodes() throws Exception {
        for (int i = 0; i < 20; i++) {
            issue();
        }
        assertTrue(codes.issue(login, "chat", REDIRECT, challenge, "me", null).isEmpty(),
                "torii.authorize.max-pending-codes, 20 by default");
        assertTrue(codes.issue(login, "chat", REDIRECT, challenge, "me", null, Instant.now().plusSeconds(61))
                .isPresent(), "expired ones count not");
    }

    @Test
    void theCleanupDeletesCodesPastTheirLife() throws Exception {
        issue();
        issue();
        assertEquals(2, pending(login.id()));
        sessions.deleteExpired(Instant.now().plus(Duration.ofMinutes(5)));
        assertEquals(2, pending(login.id()), "kept a while past their end, so that a late reuse is still seen");
        sessions.deleteExpired(Instant.now().plus(Duration.ofMinutes(12)));
        assertEquals(0, pending(login.id()));
    }

    @Test
    void endingTheLoginEndsTheCodesWorth() {
        var code = issue();
        sessions.endLogin(login.id(), "192.0.2.1");
        assertTrue(tokens.redeem(code, "chat", REDIRECT, verifier.getValue()).isEmpty());
    }
}
