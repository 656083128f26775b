package torii.federation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {

    @TempDir
    Path folder;

    Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void aCompleteProvider() throws IOException {
        var secret = Files.writeString(folder.resolve("secret"), "s3cret\nsecond line\n");
        settings.put("torii.federation.providers", "company");
        settings.put("torii.federation.company.issuer", "https://login.company.example/realms/company");
        settings.put("torii.federation.company.client-id", "torii");
        settings.put("torii.federation.company.client-secret-file", secret.toString());
    }

    Providers read() {
        return Providers.read(name -> Optional.ofNullable(settings.get(name)));
    }

    String refusal() {
        return assertThrows(IllegalStateException.class, this::read).getMessage();
    }

    @Test
    void defaults() {
        var company = read().find("company").orElseThrow();

        assertEquals("company", company.name());
        assertEquals("groups", company.groupsClaim());
        assertEquals(List.of("openid", "profile", "email"), company.scope().toStringList());
        assertEquals("s3cret", company.secret().getValue());
    }

    @Test
    void noProviders() {
        settings.clear();

        assertTrue(read().all().isEmpty());
    }

    @Test
    void theListedOrderIsKept() throws IOException {
        settings.put("torii.federation.providers", " partner , company ");
        settings.put("torii.federation.partner.issuer", "https://partner.example");
        settings.put("torii.federation.partner.client-id", "torii");
        settings.put("torii.federation.partner.client-secret-file", settings.get(
                "torii.federation.company.client-secret-file"));
        settings.put("torii.federation.partner.name", "Partner account");

        assertEquals(List.of("partner", "company"), read().all().stream().map(ProviderConfig::id).toList());
        assertEquals("Partner account", read().find("partner").orElseThrow().name());
    }

    @Test
    void missingIssuer() {
        settings.remove("torii.federation.company.issuer");

        assertTrue(refusal().startsWith("torii.federation.company.issuer must be set"), refusal());
    }

    @Test
    void missingClientId() {
        settings.put("torii.federation.company.client-id", " ");

        assertTrue(refusal().startsWith("torii.federation.company.client-id must be set"), refusal());
    }

    @Test
    void missingSecretFile() {
        settings.remove("torii.federation.company.client-secret-file");

        assertTrue(refusal().startsWith("torii.federation.company.client-secret-file must be set"), refusal());
    }

    @Test
    void unreadableSecretFile() {
        settings.put("torii.federation.company.client-secret-file", folder.resolve("absent").toString());

        assertTrue(refusal().contains("torii.federation.company.client-secret-file"), refusal());
    }

    @Test
    void emptySecretFile() throws IOException {
        settings.put("torii.federation.company.client-secret-file",
                Files.writeString(folder.resolve("empty"), "\n").toString());

        assertTrue(refusal().contains("holds no secret"), refusal());
    }

    @Test
    void plainHttpIssuerElsewhereThanThisMachine() {
        settings.put("torii.federation.company.issuer", "http://login.company.example/realms/company");

        assertTrue(refusal().startsWith("torii.federation.company.issuer must be an https URL"), refusal());
    }

    @Test
    void plainHttpIssuerOnLoopback() {
        settings.put("torii.federation.company.issuer", "http://127.0.0.1:18190/realms/company");

        assertEquals("http://127.0.0.1:18190/realms/company",
                read().find("company").orElseThrow().issuer().getValue());
    }

    @Test
    void notAUrl() {
        settings.put("torii.federation.company.issuer", "login.company.example");

        assertTrue(refusal().startsWith("torii.federation.company.issuer must be an https URL"), refusal());
    }

    @Test
    void idUnfitForAUrl() {
        settings.put("torii.federation.providers", "Company/Account");

        assertTrue(refusal().contains("a provider id is 1 to 32 lower-case letters"), refusal());
    }

    @Test
    void sameIdTwice() {
        settings.put("torii.federation.providers", "company,company");

        assertTrue(refusal().contains("names company twice"), refusal());
    }

    @Test
    void scopeWithoutOpenid() {
        settings.put("torii.federation.company.scope", "profile email");

        assertTrue(refusal().startsWith("torii.federation.company.scope must hold openid"), refusal());
    }

    @Test
    void unknownId() {
        assertTrue(read().find("partner").isEmpty());
        assertTrue(read().find(null).isEmpty());
    }
}
