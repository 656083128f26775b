package torii;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.OAuthScope;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import torii.platform.control.Scope;

/**
 * The JAX-RS application: every endpoint sits at the root, as in the FastAPI tutorial ({@code /token}, {@code /users/me}).
 */
@ApplicationPath("")
@OpenAPIDefinition(info = @Info(title = "Torii", version = "1.0",
        description = "Log in with username and password at /token, then call the API with the bearer token."))
@SecurityScheme(securitySchemeName = Scope.SCHEME, type = SecuritySchemeType.OAUTH2,
        description = "Applications have the scopes app:<id>; GET /users/me/apps lists the ones you may use.",
        flows = @OAuthFlows(password = @OAuthFlow(tokenUrl = "/token", refreshUrl = "/token", scopes = {
                @OAuthScope(name = Scope.ME, description = "Read your own account"),
                @OAuthScope(name = Scope.ITEMS, description = "Read your own items"),
                @OAuthScope(name = Scope.ADMIN, description = "Administer users and applications")}),
                // Beside the password flow, under the same scheme, so that the operations need no change; Swagger UI
                // at /docs uses it with PKCE as the public client docs. It is here rather than in openapi.yaml: a
                // scheme of that file does not reach the document when the annotation declares one of the same name.
                authorizationCode = @OAuthFlow(authorizationUrl = "/authorize", tokenUrl = "/token",
                        refreshUrl = "/token", scopes = {
                        @OAuthScope(name = Scope.ME, description = "Read your own account"),
                        @OAuthScope(name = Scope.ITEMS, description = "Read your own items"),
                        @OAuthScope(name = Scope.ADMIN, description = "Administer users and applications"),
                        @OAuthScope(name = Scope.OPENID, description = "An ID token naming you (OpenID Connect)"),
                        @OAuthScope(name = Scope.PROFILE, description = "Your name and groups in the ID token"),
                        @OAuthScope(name = Scope.EMAIL, description = "Your e-mail address in the ID token")})))
public class Torii extends Application {

    /**
     * Jersey holds back the first 8 KB of every response to compute its length, and a flush does not release them:
     * an event stream would reach the caller only when that much had piled up. Without the buffer each response is
     * sent as it is written; other runtimes ignore the property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
