package torii.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.audit.boundary.AuditEvent;
import torii.audit.boundary.AuditTrail;
import torii.audit.entity.AuditRecord;
import torii.testing.Api;
import torii.testing.Deployments;

/**
 * Runs inside Payara Micro: disables a user through the user service, then calls the API over HTTP; both changes are
 * in the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
class UserDisablingIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.war().addClasses(Api.class, Api.Reply.class);
    }

    @Inject
    Users users;

    @Inject
    AuditTrail trail;

    @ArquillianResource
    URL deployment;

    @Test
    void userDisabledAfterLoginIsRefusedOnTheNextRequestAndWelcomedBackWhenEnabled() {
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
        assertEquals(200, api.getWithToken("users/me/items", token).status());
        var changes = trail.newest("johndoe", 0, 10).stream().map(AuditRecord::action)
                .filter(action -> action.startsWith("user_")).limit(2).toList();
        assertEquals(List.of(AuditEvent.USER_ENABLE, AuditEvent.USER_DISABLE), changes);
    }
}
