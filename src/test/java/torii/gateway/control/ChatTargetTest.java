package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatTargetTest {

    static final String KEY = "azure-key-0123456789";

    @Test
    void openAiTakesTheKeyAsBearerBelowTheBaseUrl() {
        var target = ChatTarget.openAi("https://api.example/v1/", Optional.of("sk-1"));
        assertEquals("https://api.example/v1/chat/completions", target.url());
        assertEquals("Authorization", target.keyHeader());
        assertEquals(Optional.of("Bearer sk-1"), target.keyValue());
    }

    @Test
    void azureNamesTheDeploymentInThePathAndTheVersionInTheQuery() {
        var target = ChatTarget.azure("https://my-resource.openai.azure.com/", "gpt-4o-mini", "2024-10-21",
                Optional.of(KEY));
        assertEquals("https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
                + "?api-version=2024-10-21", target.url());
    }

    @Test
    void azureTakesTheKeyBareInApiKeyNeverAsBearer() {
        var target = ChatTarget.azure("https://r.openai.azure.com", "d", "2024-10-21", Optional.of(KEY));
        assertEquals("api-key", target.keyHeader());
        assertEquals(Optional.of(KEY), target.keyValue());
    }

    @Test
    void azureTakesAnEntraTokenAsBearerInsteadOfTheKey() {
        var target = ChatTarget.azureWithToken("https://r.openai.azure.com/", "gpt-4o-mini", "2024-10-21", "eyJ0.e.s");
        assertEquals("https://r.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
                + "?api-version=2024-10-21", target.url());
        assertEquals("Authorization", target.keyHeader());
        assertEquals(Optional.of("Bearer eyJ0.e.s"), target.keyValue());
        assertFalse(target.toString().contains("eyJ0"), target.toString());
    }

    @Test
    void noKeyNoHeader() {
        assertEquals(Optional.empty(), ChatTarget.azure("http://127.0.0.1:9", "d", "v", Optional.empty()).keyValue());
    }

    @Test
    void deploymentStaysOneSegmentWhateverItHolds() {
        var target = ChatTarget.azure("https://r.openai.azure.com", "a/../b?x=1#f é", "2024-10-21", Optional.empty());
        var url = URI.create(target.url());
        assertEquals("/openai/deployments/a%2F..%2Fb%3Fx%3D1%23f%20%C3%A9/chat/completions", url.getRawPath());
        assertEquals("api-version=2024-10-21", url.getRawQuery());
        assertEquals(null, url.getRawFragment());
    }

    @Test
    void azureDeploymentNamesAreLeftAsTheyAre() {
        assertEquals("gpt-4o.mini_prod~2", ChatTarget.segment("gpt-4o.mini_prod~2"));
    }

    @Test
    void dotSegmentsAreEncodedWhole() {
        assertEquals("%2E%2E", ChatTarget.segment(".."));
        assertEquals("%2E", ChatTarget.segment("."));
    }

    @Test
    void apiVersionCannotAddToTheQuery() {
        var url = URI.create(ChatTarget.azure("https://r.openai.azure.com", "d", "2024-10-21&x=1 #",
                Optional.empty()).url());
        assertEquals("api-version=2024-10-21%26x%3D1+%23", url.getRawQuery());
    }

    @Test
    void textNeverShowsTheKey() {
        assertFalse(ChatTarget.azure("https://r.openai.azure.com", "d", "v", Optional.of(KEY)).toString()
                .contains(KEY));
        assertFalse(ChatTarget.openAi("https://api.example/v1", Optional.of(KEY)).toString().contains(KEY));
    }
}
