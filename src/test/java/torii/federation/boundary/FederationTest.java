package torii.federation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import torii.federation.control.FederationSettings;
import torii.federation.control.Providers;
import torii.federation.control.SignInCookies;
import torii.federation.control.UpstreamClient;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.federation.entity.UpstreamProvider;
import torii.keys.control.KeyMaterial;
import torii.keys.control.KeyRing;

/** What the federation decides before it asks a provider anything, and a provider it cannot reach. */
class FederationTest {

    static final URI CALLBACK = URI.create("http://127.0.0.1:8080/authorize/upstream/company/callback");
    static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path folder;

    KeyRing keys;
    Federation federation;
    int closedPort;

    @BeforeEach
    void federation() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var secret = Files.writeString(folder.resolve("secret"), "s3cret\n");
        var settings = Map.of("torii.federation.providers", "company",
                "torii.federation.company.issuer", "http://127.0.0.1:" + closedPort + "/realms/company",
                "torii.federation.company.client-id", "torii",
                "torii.federation.company.client-secret-file", secret.toString(),
                "torii.federation.company.name", "Company account");
        keys = new KeyRing();
        keys.use(KeyMaterial.generate(JWSAlgorithm.ES256));
        var bounds = new FederationSettings(500, 500, 3600, 65536, 600, 1800, 100, 255);
        federation = new Federation(Providers.read(name -> Optional.ofNullable(settings.get(name))),
                cookies(NOW), new UpstreamClient(bounds, 60, Clock.systemUTC()), bounds);
    }

    SignInCookies cookies(Instant now) {
        return new SignInCookies(keys, "ES256", Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC));
    }

    static void refused(Reason reason, org.junit.jupiter.api.function.Executable call) {
        assertEquals(reason, assertThrows(UpstreamFailure.class, call).reason());
    }

    @Test
    void theProvidersToOffer() {
        assertEquals(List.of(new UpstreamProvider("company", "Company account")), federation.providers());
    }

    @Test
    void unknownProvider() {
        refused(Reason.UNKNOWN_PROVIDER, () -> federation.start("partner", "", CALLBACK));
        refused(Reason.UNKNOWN_PROVIDER, () -> federation.finish("partner", Map.of(), "cookie", CALLBACK));
    }

    @Test
    void anAuthorizationRequestLongerThanTheSetting() {
        refused(Reason.REQUEST_TOO_LARGE, () -> federation.start("company", "x".repeat(1801), CALLBACK));
    }

    @Test
    void aProviderOutOfReachIsUnreachableWithinTheTimeouts() {
        var began = System.nanoTime();

        refused(Reason.UNREACHABLE, () -> federation.start("company", "client_id=chat", CALLBACK));
        assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 5);
    }

    @Test
    void aCallbackWithoutTheCookie() {
        refused(Reason.STATE_MISMATCH, () -> federation.finish("company", Map.of("code", List.of("c"),
                "state", List.of("s")), null, CALLBACK));
    }

    @Test
    void aCallbackAtAnotherAddressThanTheStart() {
        var cookie = cookies(NOW).seal("company", "s", "n", "v", CALLBACK, "client_id=chat");
        var elsewhere = URI.create("http://127.0.0.1:9090/authorize/upstream/company/callback");

        refused(Reason.STATE_MISMATCH, () -> federation.finish("company", Map.of("code", List.of("c"),
                "state", List.of("s")), cookie, elsewhere));
    }

    @Test
    void theAuthorizationRequestComesBackFromAGenuineCookieOnly() {
        var cookie = cookies(NOW).seal("company", "s", "n", "v", CALLBACK, "client_id=chat&state=x");

        assertEquals(Optional.of("client_id=chat&state=x"), federation.returnQuery(cookie));
        assertEquals(Optional.empty(), federation.returnQuery(cookie.substring(0, cookie.length() - 4) + "AAAA"));
        assertEquals(Optional.empty(), federation.returnQuery(null));
    }
}
