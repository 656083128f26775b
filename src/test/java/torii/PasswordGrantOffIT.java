package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import torii.testing.CodeFlow;
import torii.testing.Instance;
import torii.testing.Postgres;

/**
 * With {@code torii.grants.password.enabled=false}, the token endpoint takes no password, the metadata no longer offer
 * it, and users sign in at the login page only.
 */
class PasswordGrantOffIT {

    @Test
    void onlyTheLoginPageTakesPasswords() throws Exception {
        var folder = Path.of(System.getProperty("torii.it.data")).resolveSibling("password-grant-off");
        RestartIT.deleteRecursively(folder);
        var server = Instance.start(folder.resolve("server.log"), Postgres.freePort(), List.of(
                "-Dtorii.password.bcrypt-cost=4", "-Dtorii.demo=true", "-Dtorii.grants.password.enabled=false",
                "-Dtorii.data.dir=" + folder.resolve("data")),
                List.of("--nohazelcast", "--postbootcommandfile", "server-config/h2-data-dir.asadmin"));
        try {
            var refused = server.api.postForm("token", "username=johndoe&password=secret");
            assertEquals(400, refused.status(), refused.body());
            assertEquals("unsupported_grant_type", refused.json().getString("error"));
            var grants = server.api.get(".well-known/openid-configuration").json().getJsonArray("grant_types_supported")
                    .toString();
            assertFalse(grants.contains("\"password\""), grants);
            assertTrue(grants.contains("authorization_code"), grants);

            var flow = new CodeFlow(server.api, "chat", server.api.uri("/").toString(), null);
            var code = flow.code("openid me", "johndoe", "secret");
            var tokens = OIDCTokenResponseParser.parse(flow.redeem(code));
            assertTrue(tokens.indicatesSuccess(), String.valueOf(tokens));
            var access = tokens.toSuccessResponse().getTokens().getAccessToken().getValue();
            assertEquals(200, server.api.getWithToken("users/me", access).status());
        } finally {
            server.stop();
            server.awaitExit();
        }
    }
}
