package torii.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import torii.testing.Api;
import torii.testing.BlackBox;
import torii.testing.TestKey;
import torii.testing.TestTokens;

/** POST /token on Payara Micro, row by row as the FastAPI tutorial's clients see it. */
class TokenEndpointIT extends BlackBox {

    @Test
    void passwordLoginAnswersWithABearerAndARefreshTokenThatMustNotBeCached() {
        var reply = api.postForm("token", "username=johndoe&password=secret");
        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        assertEquals("no-store", reply.header("Cache-Control"));
        assertEquals("no-cache", reply.header("Pragma"));
        var body = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope"), body.keySet());
        assertEquals(43, body.getString("refresh_token").length());
        assertEquals("bearer", body.getString("token_type"));
        assertEquals(1800, body.getInt("expires_in"));
    }

    @Test
    void tokenIsSignedWithTheConfiguredKeyAndCarriesTheMicroProfileClaims() throws Exception {
        var jwt = SignedJWT.parse(api.login("johndoe", "secret"));
        assertTrue(jwt.verify(new RSASSAVerifier(TestKey.key().toRSAPublicKey())));
        assertEquals(TestKey.key().getKeyID(), jwt.getHeader().getKeyID());
        var claims = jwt.getJWTClaimsSet();
        assertEquals("johndoe", claims.getSubject());
        assertEquals("johndoe", claims.getStringClaim("upn"));
        assertEquals(TestTokens.DEFAULT_ISSUER, claims.getIssuer());
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(1800, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertTrue(claims.getJWTID() != null && !claims.getJWTID().isBlank());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        assertEquals("docs", claims.getStringClaim("client_id"), "a request naming no client is the docs page's");
        assertEquals("app:translator items me", claims.getStringClaim("scope"), "all johndoe may have");
    }

    @ParameterizedTest
    @CsvSource({
            "grant_type=password&username=johndoe&password=secret",
            "username=johndoe&password=secret&scope=&client_id=&client_secret=",
            "grant_type=password&username=johndoe&password=secret&scope=me+items&client_id=docs",
            "username=johndoe&password=secret&client_id=chat",
            "username=johndoe&password=secret&client_id=demo-service&client_secret=demo-service-secret"})
    void formsOfTheTutorialAreAccepted(String form) {
        assertEquals(200, api.postForm("token", form).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "wrong password, username=johndoe&password=wrong",
            "unknown user, username=nobody&password=secret",
            "disabled user, username=alice&password=secretalice"})
    void failedLoginsLookAlike(String name, String form) {
        var reply = api.postForm("token", form);
        assertEquals(400, reply.status());
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
        assertEquals(Json.createObjectBuilder()
                .add("error", "invalid_grant")
                .add("error_description", "Incorrect username or password")
                .add("detail", "Incorrect username or password").build(), reply.json());
    }

    @Test
    void otherGrantTypeIsUnsupported() {
        var reply = api.postForm("token", "grant_type=implicit&username=johndoe&password=secret");
        assertEquals(400, reply.status());
        assertEquals("unsupported_grant_type", reply.json().getString("error"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown client | client_id=nobody",
            "confidential client without its secret | client_id=demo-service",
            "confidential client with a wrong secret | client_id=demo-service&client_secret=wrong",
            "public client with a secret | client_id=chat&client_secret=anything"})
    void clientThatFailsToAuthenticateInTheFormIsAnInvalidClient(String name, String client) {
        var reply = api.postForm("token", "username=johndoe&password=secret&" + client);
        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().getString("error"));
        assertEquals(null, reply.header("WWW-Authenticate"));
    }

    @Test
    void confidentialClientAuthenticatesWithHttpBasic() throws Exception {
        var reply = api.send(api.request("token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic("demo-service", "demo-service-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password=secret")));
        assertEquals(200, reply.status(), reply.body());
        assertEquals("demo-service", SignedJWT.parse(reply.json().getString("access_token")).getJWTClaimsSet()
                .getStringClaim("client_id"));
    }

    @Test
    void wrongSecretInHttpBasicIsAnInvalidClientWithABasicChallenge() {
        var reply = api.send(api.request("token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic("demo-service", "wrong"))
                .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password=secret")));
        assertEquals(401, reply.status());
        assertEquals("invalid_client", reply.json().getString("error"));
        assertEquals("Basic realm=\"torii\"", reply.header("WWW-Authenticate"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing username | password=secret | Missing parameter: username",
            "missing password | username=johndoe | Missing parameter: password",
            "empty username | username=&password=secret | Missing parameter: username",
            "empty password | username=johndoe&password= | Missing parameter: password",
            "empty body | '' | Missing parameter: username",
            "repeated username | username=johndoe&username=alice&password=secret | Parameter username must not be repeated",
            "repeated grant type | grant_type=password&grant_type=password&username=johndoe&password=secret | Parameter grant_type must not be repeated"})
    void malformedFormIsAnInvalidRequestNamingTheProblem(String name, String form, String problem) {
        var reply = api.postForm("token", form);
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
        assertEquals(problem, reply.json().getString("error_description"));
        assertEquals(problem, reply.json().getString("detail"));
    }

    /**
     * A field without a value is refused naming a field: Jersey reads it as a field without a value, RESTEasy (WildFly)
     * as no field at all.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"username&password ; (username|password)",
            "username&password=secret ; username", "grant_type=refresh_token&refresh_token ; refresh_token"})
    void fieldWithoutAValueIsAnInvalidRequestNamingIt(String form, String field) {
        var reply = api.postForm("token", form);
        assertEquals(400, reply.status(), reply.body());
        assertEquals("invalid_request", reply.json().getString("error"));
        var detail = reply.json().getString("detail");
        assertTrue(detail.matches("(Parameter " + field + " must have a value|Missing parameter: " + field + ")"),
                detail);
    }

    @Test
    void jsonSentAsAFormIsAnInvalidRequest() {
        var reply = api.postForm("token", "{\"username\":\"johndoe\",\"password\":\"secret\"}");
        assertEquals(400, reply.status(), reply.body());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @ParameterizedTest
    @CsvSource({"application/json, '{\"username\":\"johndoe\",\"password\":\"secret\"}'",
            "text/plain, username=johndoe&password=secret"})
    void bodyThatIsNotAFormIsRefused(String mediaType, String body) {
        var reply = api.send(api.request("token").header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(415, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void postWithoutABodyIsAnInvalidRequest() {
        var reply = api.send(api.request("token?username=johndoe&password=secret").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(400, reply.status());
        assertEquals("Missing parameter: username", reply.json().getString("error_description"));
    }

    @Test
    void malformedPercentEncodingIsAnInvalidRequest() {
        var reply = api.postForm("token", "username=%zz&password=secret");
        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.json().getString("error"));
    }

    @Test
    void readingTheTokenEndpointIsNotAllowed() {
        var reply = api.get("token");
        assertEquals(405, reply.status());
        assertEquals("Method Not Allowed", reply.json().getString("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no/such/path", "error"})
    void unknownPathIsAJsonNotFound(String path) {
        var reply = api.get(path);
        assertEquals(404, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        assertEquals("Not Found", reply.json().getString("detail"));
    }
}
