package torii.apps.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An application answered by an Azure OpenAI deployment. */
class AzureOpenAiAppTest {

    static final String ENDPOINT = "https://my-resource.openai.azure.com";

    @Test
    void itsApiNameIsAzureOpenai() {
        assertEquals("azure-openai", Backend.AZURE_OPENAI.label());
        assertEquals(Optional.of(Backend.AZURE_OPENAI), Backend.ofLabel("azure-openai"));
        assertEquals(true, Backend.AZURE_OPENAI.remote());
    }

    @Test
    void keepsItsEndpointAndDeploymentButNoDocumentation() {
        var app = new App("azure", "Azure", null, Backend.ECHO, null, null)
                .describe("Azure", null, Backend.AZURE_OPENAI, ENDPOINT, "gpt-4o-prod", "https://docs.example");
        assertEquals(ENDPOINT, app.baseUrl());
        assertEquals("gpt-4o-prod", app.model());
        assertNull(app.docsUrl());
    }

    @Test
    void needsAnEndpointAndADeployment() {
        assertThrows(IllegalArgumentException.class,
                () -> new App("azure", "Azure", null, Backend.AZURE_OPENAI, null, "gpt-4o-prod"));
        assertThrows(IllegalArgumentException.class,
                () -> new App("azure", "Azure", null, Backend.AZURE_OPENAI, ENDPOINT, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", ".."})
    void aDeploymentMustBeAName(String deployment) {
        assertThrows(IllegalArgumentException.class,
                () -> new App("azure", "Azure", null, Backend.AZURE_OPENAI, ENDPOINT, deployment));
    }
}
