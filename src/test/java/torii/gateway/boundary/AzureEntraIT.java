package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/**
 * An Azure OpenAI application reached with a Microsoft Entra ID client instead of the resource's key: the gateway asks
 * the tenant's token endpoint for a token by the client credentials grant, keeps it, and sends it as a bearer token;
 * the caller still uses the official OpenAI library and never meets either. The container is given the client as an
 * operator gives it: -Dtorii.apps.azure-entra.entra.* beside -Dtorii.apps.azure-entra.base-url.
 */
@ExtendWith(ArquillianExtension.class)
class AzureEntraIT {

    static final String APP = "azure-entra";
    /** The same client with a secret the tenant refuses: -Dtorii.apps.azure-entra-bad.entra.client-secret. */
    static final String BAD_APP = "azure-entra-bad";
    static final String BAD_SECRET = "wrong-entra-secret-for-tests";

    static AzureOpenAiStub azure;

    @Deployment(testable = false)
    @TargetsContainer("gateway")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;
    Gateway gateway;
    String token;

    @BeforeAll
    static void startAzure() throws IOException {
        azure = new AzureOpenAiStub();
    }

    @AfterAll
    static void stopAzure() {
        azure.close();
    }

    @BeforeEach
    void setUp() {
        api = Api.at(deployment);
        gateway = Gateway.of(api);
        register(APP);
        register(BAD_APP);
        azure.rateLimited = false;
        azure.acceptedKey = null;
        token = gateway.userWith(APP, BAD_APP);
    }

    /** Creates the application once, and points it at this run's resource. */
    void register(String id) {
        var form = "{\"id\":\"" + id + "\",\"name\":\"Azure with Entra ID\",\"backend\":\"azure-openai\","
                + "\"base_url\":\"" + azure.endpoint() + "\",\"model\":\"" + AzureOpenAiStub.DEPLOYMENT + "\"}";
        gateway.register(id, form);
    }

    com.openai.client.OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(api.uri("v1").toString()).apiKey(token).maxRetries(0).build();
    }

    Api.Reply complete(String appId, String more) {
        return gateway.complete(token, Gateway.chat(appId, "Hello", more));
    }

    /** Neither secret, nor a token the tenant issued, nor the tenant's words, nor a stack trace. */
    void assertNoSecrets(Api.Reply reply) {
        for (var secret : List.of(AzureOpenAiStub.ENTRA_SECRET, BAD_SECRET, "AADSTS", "eyJ0eXAi", "at torii.")) {
            assertFalse(reply.body().contains(secret), reply.body());
            reply.headers().values().forEach(values -> values.forEach(value -> assertFalse(value.contains(secret))));
        }
        azure.tokens.forEach(issued -> assertFalse(reply.body().contains(issued), reply.body()));
    }

    @Test
    void completesThroughTheOpenAiLibrary() {
        var completion = client().chat().completions().create(ChatCompletionCreateParams.builder().model(APP)
                .addSystemMessage("Be brief").addUserMessage("Hello").build());
        assertEquals(AzureOpenAiStub.ANSWER, completion.choices().get(0).message().content().orElseThrow());
        assertEquals(5, completion.usage().orElseThrow().completionTokens());
    }

    @Test
    void streamsThroughTheOpenAiLibrary() {
        try (var stream = client().chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model(APP).addUserMessage("Stream it").build())) {
            var text = stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream()).collect(Collectors.joining());
            assertEquals(AzureOpenAiStub.ANSWER, text);
        }
    }

    @Test
    void theTokenTravelsAsBearerAndNoKeyDoes() {
        var reply = complete(APP, "");
        assertEquals(200, reply.status(), reply.body());
        var authorization = azure.header("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertTrue(azure.tokens.contains(authorization.substring("Bearer ".length())), "a token the tenant issued");
        assertNull(azure.header("api-key"));
        assertEquals("/openai/deployments/" + AzureOpenAiStub.DEPLOYMENT + "/chat/completions", azure.lastPath);
        assertEquals("api-version=" + AzureOpenAiIT.API_VERSION, azure.lastQuery);
        azure.lastHeaders.values().forEach(values -> values.forEach(value -> assertFalse(value.contains(token))));
        assertNoSecrets(reply);
    }

    @Test
    void theTokenIsAskedForWithTheClientCredentialsGrant() {
        forgetTheGatewaysToken();
        assertEquals(200, complete(APP, "").status());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", AzureOpenAiStub.ENTRA_CLIENT,
                "client_secret", AzureOpenAiStub.ENTRA_SECRET, "scope", AzureOpenAiStub.ENTRA_SCOPE),
                azure.lastTokenForm);
    }

    @Test
    void twoCallsMakeOneTokenRequest() {
        forgetTheGatewaysToken();
        var before = azure.tokenRequests.get();
        assertEquals(200, complete(APP, "").status());
        assertEquals(200, complete(APP, ",\"stream\":true").status());
        assertEquals(before + 1, azure.tokenRequests.get());
    }

    /**
     * Makes the gateway hold a token, revokes it and lets Azure refuse it once: a 502 upstream_auth, after which the
     * gateway has forgotten it.
     */
    void forgetTheGatewaysToken() {
        assertEquals(200, complete(APP, "").status());
        azure.tokens.clear();
        var refused = complete(APP, "");
        assertEquals(502, refused.status(), refused.body());
        assertEquals("upstream_auth", Gateway.error(refused).getString("code"));
        assertNoSecrets(refused);
    }

    @Test
    void aTokenAzureRefusesIsReplacedAtTheNextCall() {
        forgetTheGatewaysToken();
        var reply = complete(APP, "");
        assertEquals(200, reply.status(), reply.body());
        assertNoSecrets(reply);
    }

    @Test
    void aClientTheTenantRefusesIs502UpstreamAuthWithoutItsSecret() {
        for (var more : List.of("", ",\"stream\":true")) {
            var before = azure.tokenRequests.get();
            var reply = complete(BAD_APP, more);
            assertEquals(502, reply.status(), reply.body());
            assertEquals("upstream_auth", Gateway.error(reply).getString("code"));
            assertTrue(Gateway.error(reply).getString("message").contains("Entra ID"), reply.body());
            assertEquals(before + 1, azure.tokenRequests.get(), "asked, and asked again: a refusal is not kept");
            assertNoSecrets(reply);
        }
    }

    @Test
    void anAdministratorCannotMoveTheApplicationAwayFromItsClient() {
        var reply = api.json("PUT", "admin/apps/" + APP, gateway.admin(), "{\"id\":\"" + APP + "\",\"name\":\"Moved\","
                + "\"backend\":\"azure-openai\",\"base_url\":\"https://elsewhere.example\",\"model\":\"d\"}");
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("base_url"), reply.body());
        assertNoSecrets(reply);
    }
}
