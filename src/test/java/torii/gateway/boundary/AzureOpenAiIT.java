package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.URL;
import java.util.List;
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
 * An application answered by an Azure OpenAI deployment, called through /v1 as any chat model: with the official
 * OpenAI library on the caller's side, and Azure's URL, key header, API version, stream and content filter on the
 * other.
 */
@ExtendWith(ArquillianExtension.class)
class AzureOpenAiIT {

    /** The application whose key and endpoint the container is given: -Dtorii.apps.azure.api-key and base-url. */
    static final String APP = "azure";
    static final String KEY = "azure-test-key-for-tests";
    /** Azure's GA data-plane version, the gateway's default; the container sets none for the application. */
    static final String API_VERSION = "2024-10-21";

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
        register();
        azure.rateLimited = false;
        azure.acceptedKey = KEY;
        token = gateway.userWith(APP);
    }

    /** Creates the application once, and points it at this run's resource. */
    void register() {
        var form = "{\"id\":\"" + APP + "\",\"name\":\"Azure\",\"backend\":\"azure-openai\",\"base_url\":\""
                + azure.endpoint() + "\",\"model\":\"" + AzureOpenAiStub.DEPLOYMENT + "\"}";
        gateway.register(APP, form);
    }

    com.openai.client.OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(api.uri("v1").toString()).apiKey(token).maxRetries(0).build();
    }

    static ChatCompletionCreateParams ask(String text) {
        return ChatCompletionCreateParams.builder().model(APP).addSystemMessage("Be brief").addUserMessage(text)
                .build();
    }

    Api.Reply complete(String text, String more) {
        return gateway.complete(token, Gateway.chat(APP, text, more));
    }

    void assertNoSecrets(Api.Reply reply) {
        assertFalse(reply.body().contains(KEY), reply.body());
        assertFalse(reply.body().contains("at torii."), reply.body());
    }

    @Test
    void completesThroughTheOpenAiLibrary() {
        var completion = client().chat().completions().create(ask("Hello"));
        var choice = completion.choices().get(0);
        assertEquals(AzureOpenAiStub.ANSWER, choice.message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        assertEquals(5, completion.usage().orElseThrow().completionTokens());
        assertEquals(AzureOpenAiStub.MODEL, completion.model(), "Azure's answer is passed on as it is");
        var usage = api.getWithToken("users/me/usage", token).array().getJsonObject(0);
        assertEquals(13, usage.getInt("prompt_tokens"));
        assertEquals(5, usage.getInt("completion_tokens"));
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
    void thePromptFilterChunkIsNotRelayed() {
        var reply = complete("Stream it", ",\"stream\":true");
        assertEquals(200, reply.status(), reply.body());
        var events = Gateway.events(reply.body());
        assertFalse(reply.body().contains("prompt_filter_results"), reply.body());
        assertFalse(Gateway.json(events.get(0)).getJsonArray("choices").isEmpty(), events.get(0));
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertEquals(5, events.size(), "four chunks with a choice and [DONE], no usage chunk: " + events);
    }

    @Test
    void theKeyTravelsInApiKeyToTheDeploymentWithTheApiVersion() {
        var reply = complete("Hello", "");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(KEY, azure.header("api-key"));
        assertNull(azure.header("Authorization"), "neither the key nor the caller's token as a bearer");
        assertEquals("/openai/deployments/" + AzureOpenAiStub.DEPLOYMENT + "/chat/completions", azure.lastPath);
        assertEquals("api-version=" + API_VERSION, azure.lastQuery);
        assertEquals(AzureOpenAiStub.DEPLOYMENT, Gateway.json(azure.lastBody).getString("model"));
        azure.lastHeaders.values().forEach(values -> values.forEach(value -> assertFalse(value.contains(token))));
        assertNoSecrets(reply);
    }

    @Test
    void aPromptTheContentFilterRefusesIs400ContentFilter() {
        for (var more : List.of("", ",\"stream\":true")) {
            var reply = complete("Tell me about " + AzureOpenAiStub.REFUSED_WORD, more);
            assertEquals(400, reply.status(), reply.body());
            assertTrue(reply.header("Content-Type").startsWith("application/json"), more);
            var error = Gateway.error(reply);
            assertEquals("content_filter", error.getString("code"));
            assertEquals("invalid_request_error", error.getString("type"));
            assertTrue(error.getString("message").contains("content filter refused the prompt"), reply.body());
            assertFalse(reply.body().contains("content management policy"), "Azure's words stay with Azure");
            assertFalse(reply.body().contains(AzureOpenAiStub.REFUSED_WORD), reply.body());
            assertNoSecrets(reply);
        }
    }

    @Test
    void aCompletionTheFilterCutShortKeepsItsFinishReason() {
        var completion = client().chat().completions().create(ask("Something " + AzureOpenAiStub.FILTERED_WORD));
        assertEquals(ChatCompletion.Choice.FinishReason.CONTENT_FILTER, completion.choices().get(0).finishReason());
    }

    @Test
    void aKeyAzureRefusesIs502WithoutAzuresWords() {
        azure.acceptedKey = "another-key";
        var reply = complete("Hello", "");
        assertEquals(502, reply.status(), reply.body());
        assertEquals("upstream_auth", Gateway.error(reply).getString("code"));
        assertFalse(reply.body().contains("subscription key"), reply.body());
        assertNoSecrets(reply);
    }

    @Test
    void azuresRateLimitKeepsItsWait() {
        azure.rateLimited = true;
        var reply = complete("Hello", "");
        assertEquals(429, reply.status(), reply.body());
        assertEquals("7", reply.header("Retry-After"));
        assertNoSecrets(reply);
    }
}
