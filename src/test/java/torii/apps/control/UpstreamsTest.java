package torii.apps.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.platform.control.Refusal;

class UpstreamsTest {

    final Map<String, String> settings = new HashMap<>(Map.of(
            "torii.apps.pinned.api-key", "sk-pinned",
            "torii.apps.pinned.base-url", "http://10.1.2.3:8000/v1/",
            "torii.apps.unbound.api-key", "sk-unbound"));

    Upstreams upstreams(String allowed) {
        return new Upstreams(new MapConfig(settings), allowed);
    }

    @Test
    void keyGoesOnlyToTheUrlConfiguredBesideIt() {
        var upstreams = upstreams(null);
        assertEquals(Optional.of("sk-pinned"), upstreams.keyForCall("pinned", "http://10.1.2.3:8000/v1"));
        var elsewhere = assertThrows(Refusal.class,
                () -> upstreams.keyForCall("pinned", "https://attacker.example/v1"));
        assertEquals(502, elsewhere.kind().status());
        assertThrows(Refusal.class, () -> upstreams.checkStored("pinned", "https://attacker.example/v1"));
    }

    @Test
    void keyBoundToNoUrlIsNeverSent() {
        var upstreams = upstreams(null);
        assertEquals(502, assertThrows(Refusal.class,
                () -> upstreams.keyForCall("unbound", "https://api.example/v1")).kind().status());
        var refused = assertThrows(Refusal.class, () -> upstreams.checkStored("unbound", "https://api.example/v1"));
        assertEquals("base_url", refused.param());
    }

    @Test
    void theConfiguredUrlMayBeInternalSinceAnOperatorWroteIt() {
        upstreams(null).checkStored("pinned", "http://10.1.2.3:8000/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/v1", "http://127.9.9.9/v1", "http://localhost:8080/v1",
            "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/v1", "http://172.16.5.4/v1",
            "http://192.168.1.1/v1", "http://100.64.0.1/v1", "http://0.0.0.0/v1", "http://[::1]/v1",
            "http://[fe80::1]/v1", "http://[fd12:3456::1]/v1", "http://[::ffff:10.0.0.1]/v1", "http://224.0.0.1/v1",
            "http://[64:ff9b::a00:1]/v1", "not a url", "file:///etc/passwd"})
    void internalAddressesAreRefusedUnlessAllowed(String url) {
        var upstreams = upstreams(null);
        assertFalse(upstreams.allowed(url, true), url);
        assertThrows(Refusal.class, () -> upstreams.checkStored("free", url));
        assertThrows(Refusal.class, () -> upstreams.keyForCall("free", url));
    }

    @Test
    void publicAddressesAreAllowedAndUnresolvableNamesOnlyUntilCalled() {
        var upstreams = upstreams(null);
        assertTrue(upstreams.allowed("https://93.184.215.14/v1", false));
        assertTrue(upstreams.allowed("https://[2001:db8::1]/v1", false));
        assertTrue(upstreams.allowed("https://no-such-host.invalid/v1", true));
        assertFalse(upstreams.allowed("https://no-such-host.invalid/v1", false));
    }

    @Test
    void anOperatorAllowsInternalUpstreamsByNameAddressOrRange() {
        var upstreams = upstreams("model-server, 127.0.0.1, 10.8.0.0/16, fd00::/8");
        assertTrue(upstreams.allowed("http://model-server:8000/v1", false));
        assertTrue(upstreams.allowed("http://127.0.0.1:9000/v1", false));
        assertTrue(upstreams.allowed("http://10.8.77.1/v1", false));
        assertFalse(upstreams.allowed("http://10.9.0.1/v1", false));
        assertTrue(upstreams.allowed("http://[fd00::5]/v1", false));
        assertEquals(Optional.empty(), upstreams.keyForCall("free", "http://10.8.0.9/v1"));
    }

    void entra(String appId, String... more) {
        settings.put("torii.apps." + appId + ".base-url", "https://res.openai.azure.com");
        settings.put("torii.apps." + appId + ".entra.tenant-id", "contoso.onmicrosoft.com");
        settings.put("torii.apps." + appId + ".entra.client-id", "client-1");
        settings.put("torii.apps." + appId + ".entra.client-secret", "entra-secret");
        for (var i = 0; i < more.length; i += 2) {
            settings.put("torii.apps." + appId + ".entra." + more[i], more[i + 1]);
        }
    }

    @Test
    void anEntraClientAsksEntraOfThePublicCloudForAzureAiByDefault() {
        entra("gpt");
        var client = upstreams(null).credentialsForCall("gpt", "https://res.openai.azure.com/").entra().orElseThrow();
        assertEquals(new EntraClient("client-1", "entra-secret",
                URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"),
                "https://cognitiveservices.azure.com/.default"), client);
        assertFalse(client.toString().contains("entra-secret"), client.toString());
    }

    @Test
    void anEntraClientMayAskASovereignCloudForAnotherScope() {
        entra("gov", "token-url", "https://login.microsoftonline.us/{tenant}/oauth2/v2.0/token",
                "scope", "https://cognitiveservices.azure.us/.default");
        var client = upstreams(null).entraClient("gov").orElseThrow();
        assertEquals(URI.create("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"),
                client.tokenUrl());
        assertEquals("https://cognitiveservices.azure.us/.default", client.scope());
    }

    @Test
    void theEntraSecretMayComeFromAFile(@TempDir Path folder) throws IOException {
        entra("gpt");
        settings.remove("torii.apps.gpt.entra.client-secret");
        var file = Files.writeString(folder.resolve("secret"), "from-file\n");
        settings.put("torii.apps.gpt.entra.client-secret-file", file.toString());
        assertEquals("from-file", upstreams(null).entraClient("gpt").orElseThrow().secret());
    }

    @Test
    void anEntraClientWinsOverAKey() {
        entra("both");
        settings.put("torii.apps.both.api-key", "sk-both");
        var credentials = upstreams(null).credentialsForCall("both", "https://res.openai.azure.com");
        assertEquals(Optional.empty(), credentials.key());
        assertEquals("client-1", credentials.entra().orElseThrow().clientId());
        assertTrue(upstreams(null).keyConfigured("both"), "the key is still there, for the admin API to tell");
    }

    @Test
    void anEntraClientIsBoundToTheConfiguredUrlAsAKeyIs() {
        entra("gpt");
        var upstreams = upstreams("0.0.0.0/0");
        var elsewhere = assertThrows(Refusal.class,
                () -> upstreams.credentialsForCall("gpt", "https://attacker.example"));
        assertEquals(502, elsewhere.kind().status());
        assertFalse(elsewhere.getMessage().contains("entra-secret"));
        assertEquals("base_url", assertThrows(Refusal.class,
                () -> upstreams.checkStored("gpt", "https://attacker.example")).param());
        upstreams.checkStored("gpt", "https://res.openai.azure.com/");
        settings.remove("torii.apps.gpt.base-url");
        assertEquals(502, assertThrows(Refusal.class,
                () -> upstreams.credentialsForCall("gpt", "https://res.openai.azure.com")).kind().status());
        assertThrows(Refusal.class, () -> upstreams.checkStored("gpt", "https://res.openai.azure.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-id", "client-secret", "tenant-id"})
    void anIncompleteEntraClientStopsTheStart(String missing) {
        entra("gpt");
        settings.remove("torii.apps.gpt.entra." + missing);
        var stopped = assertThrows(IllegalStateException.class, () -> upstreams(null));
        assertTrue(stopped.getMessage().contains("torii.apps.gpt.entra." + missing), stopped.getMessage());
        assertFalse(stopped.getMessage().contains("entra-secret"), stopped.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"contoso/../evil", "a?b", "", "../x"})
    void aTenantThatIsNoIdNorDomainStopsTheStart(String tenant) {
        entra("gpt", "tenant-id", tenant);
        assertTrue(assertThrows(IllegalStateException.class, () -> upstreams(null)).getMessage()
                .contains("tenant-id"));
    }

    @Test
    void aTokenUrlOfItsOwnNeedsNoTenant() {
        entra("test", "token-url", "http://127.0.0.1:9/token");
        settings.remove("torii.apps.test.entra.tenant-id");
        assertEquals(URI.create("http://127.0.0.1:9/token"),
                upstreams(null).entraClient("test").orElseThrow().tokenUrl());
        settings.put("torii.apps.test.entra.token-url", "ftp://127.0.0.1/token");
        assertThrows(IllegalStateException.class, () -> upstreams(null));
    }

    @Test
    void anIncompleteClientTheStartCouldNotSeeFailsItsCallsWith502() {
        var upstreams = upstreams(null);
        entra("late");
        settings.remove("torii.apps.late.entra.client-secret");
        var refused = assertThrows(Refusal.class,
                () -> upstreams.credentialsForCall("late", "https://res.openai.azure.com"));
        assertEquals(502, refused.kind().status());
        assertEquals("upstream_auth", refused.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "not_a_host", "999.1.1.1", "::1/129"})
    void malformedAllowListStopsTheStart(String allowed) {
        assertThrows(IllegalStateException.class, () -> upstreams(allowed));
    }

    /** Settings from a map, as MicroProfile Config would give them. */
    record MapConfig(Map<String, String> values) implements Config {

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable((T) values.get(name));
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow();
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }
}
