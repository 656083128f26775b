package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.audit.boundary.AuditTrail;
import torii.audit.entity.AuditRecord;
import torii.platform.entity.AuditEvent;
import torii.testing.Api;
import torii.testing.Deployments;
import torii.users.entity.User;

/**
 * Runs inside Payara Micro: changes a user through the user service, then calls the API over HTTP; the changes are
 * in the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
class UserDisablingIT {

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    Users users;

    @Inject
    AuditTrail trail;

    @ArquillianResource
    URL deployment;

    @Test
    void userDisabledAfterLoginIsRefusedOnTheNextRequestAndLogsInAnewWhenEnabled() {
        var api = Api.at(deployment);
        var token = api.login("johndoe", "secret");
        assertEquals(200, api.getWithToken("users/me/items", token).status());
        users.disable("johndoe");
        try {
            var refused = api.getWithToken("users/me/items", token);
            assertEquals(400, refused.status());
            assertEquals("Inactive user", refused.json().getString("detail"));
            assertEquals(400, api.postForm("token", "username=johndoe&password=secret").status());
        } finally {
            users.enable("johndoe");
        }
        assertEquals(401, api.getWithToken("users/me/items", token).status(), "a token from before the disable stays dead");
        assertEquals(200, api.getWithToken("users/me/items", api.login("johndoe", "secret")).status());
        var changes = trail.newest("johndoe", 0, 10).stream().map(AuditRecord::action)
                .filter(action -> action.startsWith("user_")).limit(2).toList();
        assertEquals(List.of(AuditEvent.USER_ENABLE, AuditEvent.USER_DISABLE), changes);
    }

    @Test
    void refreshTokenOfAUserDisabledAfterLoginIsRefusedEvenOnceEnabledAgain() {
        var api = Api.at(deployment);
        var refreshToken = api.loginForTokens("username=johndoe&password=secret").getString("refresh_token");
        users.disable("johndoe");
        try {
            var refused = api.postForm("token", "grant_type=refresh_token&refresh_token=" + refreshToken);
            assertEquals(400, refused.status());
            assertEquals("invalid_grant", refused.json().getString("error"));
        } finally {
            users.enable("johndoe");
        }
        assertEquals(400, api.postForm("token", "grant_type=refresh_token&refresh_token=" + refreshToken).status(),
                "a disable ends the user's sessions for good");
    }

    @Test
    void passwordChangeEndsTheSessionsThatBeganBeforeIt() {
        var api = Api.at(deployment);
        var name = "changer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        users.create(new User(name, null, null, "", java.util.Set.of("user")), "first password", false);
        var before = api.loginForTokens("username=" + name + "&password=first+password").getString("refresh_token");
        users.changePassword(name, "second password", false);
        var refused = api.postForm("token", "grant_type=refresh_token&refresh_token=" + before);
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().getString("error"));
        var after = api.loginForTokens("username=" + name + "&password=second+password").getString("refresh_token");
        assertEquals(200, api.postForm("token", "grant_type=refresh_token&refresh_token=" + after).status());
    }
}
