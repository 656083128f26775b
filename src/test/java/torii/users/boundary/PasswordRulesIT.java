package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mindrot.jbcrypt.BCrypt;
import torii.testing.Api;
import torii.testing.Deployments;
import torii.users.control.Argon2idHash;
import torii.users.entity.User;

/** Runs inside Payara Micro: stores users with given hashes, then logs in and changes passwords over HTTP. */
@ExtendWith(ArquillianExtension.class)
class PasswordRulesIT {

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    Users users;

    @ArquillianResource
    URL deployment;

    Api api;

    @BeforeEach
    void connect() {
        api = Api.at(deployment);
    }

    /** A new user with this stored hash; the database outlives the run, so every name is new. */
    String userWithHash(String hash) {
        var username = "rules-" + UUID.randomUUID();
        users.addIfAbsent(new User(username, null, null, hash, Set.of("user")));
        return username;
    }

    int login(String username, String password) {
        return api.postForm("token", "username=" + username + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)).status();
    }

    @Test
    void loginReplacesALowerCostBcryptHashAndTheNewOneVerifies() {
        var username = userWithHash(BCrypt.hashpw("low-cost-pass", BCrypt.gensalt(4)));
        var before = users.find(username).orElseThrow();
        assertEquals(200, login(username, "low-cost-pass"));
        var after = users.find(username).orElseThrow();
        assertTrue(after.passwordHash().startsWith("$2a$12$"), after.passwordHash());
        assertTrue(BCrypt.checkpw("low-cost-pass", after.passwordHash()));
        assertEquals(before.passwordChangedAt(), after.passwordChangedAt(), "a rehash is not a change of password");
        assertEquals(200, login(username, "low-cost-pass"));
    }

    @Test
    void loginReplacesAnArgon2idHashFromPwdlibWithBcrypt() {
        var salt = UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        var username = userWithHash(Argon2idHash.of("argon-pass", 1024, 2, 1, salt).text());
        assertEquals(400, login(username, "wrong-pass"));
        assertTrue(users.find(username).orElseThrow().passwordHash().startsWith("$argon2id$"), "kept after a failure");
        assertEquals(200, login(username, "argon-pass"));
        var rehashed = users.find(username).orElseThrow().passwordHash();
        assertTrue(rehashed.startsWith("$2a$12$"), rehashed);
        assertTrue(BCrypt.checkpw("argon-pass", rehashed));
    }

    @Test
    void passwordOver72BytesFailsAtLoginThoughBcryptWouldMatchItsStart() {
        var seventyTwo = "a".repeat(72);
        var username = userWithHash(BCrypt.hashpw(seventyTwo, BCrypt.gensalt(12)));
        assertTrue(BCrypt.checkpw(seventyTwo + "b", users.find(username).orElseThrow().passwordHash()),
                "bcrypt alone would let the longer password in");
        var refused = api.postForm("token", "username=" + username + "&password=" + seventyTwo + "b");
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().getString("error"));
        assertEquals(200, login(username, seventyTwo));
    }

    @Test
    void changedPasswordIsStoredInNfcAndTheOldOneStopsWorking() {
        var username = userWithHash(BCrypt.hashpw("first-password", BCrypt.gensalt(12)));
        var token = api.login(username, "first-password");
        var decomposed = "cafe\u0301-cre\u0300me";
        var reply = api.json("PUT", "users/me/password", token,
                "{\"current_password\":\"first-password\",\"new_password\":\"" + decomposed + "\"}");
        assertEquals(204, reply.status(), reply.body());
        assertEquals(400, login(username, "first-password"));
        assertEquals(200, login(username, "caf\u00e9-cr\u00e8me"), "the composed form is the same password");
        assertEquals(200, login(username, decomposed));
        assertNotEquals(users.find(username).orElseThrow().passwordChangedAt(), java.time.Instant.EPOCH);
    }

    @Test
    void wrongCurrentPasswordChangesNothing() {
        var username = userWithHash(BCrypt.hashpw("first-password", BCrypt.gensalt(12)));
        var token = api.login(username, "first-password");
        var hash = users.find(username).orElseThrow().passwordHash();
        var reply = api.json("PUT", "users/me/password", token,
                "{\"current_password\":\"not-it\",\"new_password\":\"second-password\"}");
        assertEquals(400, reply.status());
        assertEquals("invalid_grant", reply.json().getString("error"));
        assertEquals(hash, users.find(username).orElseThrow().passwordHash());
    }

    @Test
    void newPasswordBreakingTheRulesIsRefusedNamingTheField() {
        var username = userWithHash(BCrypt.hashpw("first-password", BCrypt.gensalt(12)));
        var token = api.login(username, "first-password");
        var hash = users.find(username).orElseThrow().passwordHash();
        var tooShort = api.json("PUT", "users/me/password", token,
                "{\"current_password\":\"first-password\",\"new_password\":\"short\"}");
        assertEquals(400, tooShort.status());
        assertEquals("new_password must be at least 8 characters long", tooShort.json().getString("detail"));
        var tooLong = api.json("PUT", "users/me/password", token,
                "{\"current_password\":\"first-password\",\"new_password\":\"" + "é".repeat(37) + "\"}");
        assertEquals(400, tooLong.status());
        assertEquals("new_password must be at most 72 bytes long in UTF-8", tooLong.json().getString("detail"));
        var missing = api.json("PUT", "users/me/password", token, "{\"new_password\":\"second-password\"}");
        assertEquals(400, missing.status());
        assertEquals("current_password is required", missing.json().getString("detail"));
        assertEquals(hash, users.find(username).orElseThrow().passwordHash());
    }
}
