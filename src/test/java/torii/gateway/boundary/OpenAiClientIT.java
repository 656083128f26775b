package torii.gateway.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.net.URL;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;

/** The official OpenAI Java library, unmodified, with our token as its API key and our /v1 as its base URL. */
@ExtendWith(ArquillianExtension.class)
class OpenAiClientIT {

    @Deployment(testable = false)
    @TargetsContainer("gateway")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployment;

    Api api;
    String app;
    OpenAIClient client;

    @BeforeEach
    void setUp() {
        api = Api.at(deployment);
        var gateway = Gateway.of(api);
        app = gateway.echoApp();
        client = clientWith(gateway.userWith(app));
    }

    OpenAIClient clientWith(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(api.uri("v1").toString()).apiKey(apiKey).maxRetries(0).build();
    }

    ChatCompletionCreateParams ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Be brief").addUserMessage(text)
                .build();
    }

    @Test
    void listsTheApplicationsAsModels() {
        var models = client.models().list().data().stream().map(Model::id).toList();
        assertEquals(java.util.List.of(app), models);
    }

    @Test
    void completes() {
        var completion = client.chat().completions().create(ask(app, "Hello from the SDK"));
        assertEquals("Hello from the SDK", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(4, completion.usage().orElseThrow().completionTokens());
    }

    @Test
    void streams() {
        try (var stream = client.chat().completions().createStreaming(ask(app, "Streamed word by word"))) {
            var text = stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream()).collect(Collectors.joining());
            assertEquals("Streamed word by word", text);
        }
    }

    @Test
    void anApiKeyIsTheLibrarysKey() {
        var gateway = new Gateway(api, api.login("admin", "secretadmin"));
        var token = gateway.userWith(app);
        var made = api.json("POST", "users/me/api-keys", token, "{\"name\":\"sdk\"}");
        assertEquals(201, made.status(), made.body());
        var withKey = clientWith(made.json().getString("key"));
        assertEquals(java.util.List.of(app), withKey.models().list().data().stream().map(Model::id).toList());
        var completion = withKey.chat().completions().create(ask(app, "Called with a key"));
        assertEquals("Called with a key", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(204, api.json("DELETE", "users/me/api-keys/" + made.json().getString("id"), token, null).status());
        assertThrows(UnauthorizedException.class, () -> withKey.models().list());
    }

    @Test
    void errorsReachTheLibraryAsItsOwnExceptions() {
        var unknown = assertThrows(NotFoundException.class, () -> client.chat().completions()
                .create(ask("no-such-app", "Hi")));
        assertTrue(unknown.getMessage().contains("does not exist"), unknown.getMessage());
        assertThrows(PermissionDeniedException.class, () -> client.chat().completions().create(ask("translator", "Hi")));
        assertThrows(UnauthorizedException.class, () -> clientWith("not-a-token").models().list());
    }
}
