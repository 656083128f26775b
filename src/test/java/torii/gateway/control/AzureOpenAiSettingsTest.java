package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** Which Azure OpenAI API version an application's calls name. */
class AzureOpenAiSettingsTest {

    /** Settings as checked at start, with the default version and the given per-application settings. */
    static GatewaySettings settings(String defaultVersion, Map<String, String> values) {
        var settings = new GatewaySettings();
        settings.connectTimeoutMillis = 5000;
        settings.readTimeoutMillis = 120000;
        settings.checkTimeoutMillis = 5000;
        settings.rateLimit = 60;
        settings.maxStreams = 100;
        settings.maxAnswerBytes = 16777216;
        settings.identitySeconds = 300;
        settings.identityCacheSize = 10000;
        settings.azureApiVersion = defaultVersion;
        // Only getOptionalValue is asked for; any other call is a mistake of the test's.
        settings.config = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getOptionalValue")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return Optional.ofNullable(values.get((String) args[0]));
                });
        settings.check();
        return settings;
    }

    @Test
    void anApplicationWithoutItsOwnVersionNamesTheDefault() {
        assertEquals("2024-10-21", settings("2024-10-21", Map.of()).azureApiVersion("azure"));
    }

    @Test
    void anApplicationsOwnVersionWins() {
        var settings = settings("2024-10-21", Map.of("torii.apps.azure.api-version", " 2025-01-01-preview "));
        assertEquals("2025-01-01-preview", settings.azureApiVersion("azure"));
        assertEquals("2024-10-21", settings.azureApiVersion("other"));
    }

    @Test
    void aBlankDefaultStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> settings(" ", Map.of()));
    }
}
