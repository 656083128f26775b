package torii.federation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;

class IdentityClaimsTest {

    static final FederationSettings BOUNDS = new FederationSettings(2000, 5000, 3600, 65536, 600, 2000, 3, 20);

    static IDTokenClaimsSet token(Map<String, Object> claims) throws Exception {
        var builder = new JWTClaimsSet.Builder().issuer("https://login.company.example").subject("user-1")
                .audience("torii").issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000));
        claims.forEach(builder::claim);
        return new IDTokenClaimsSet(builder.build());
    }

    @Test
    void everythingGiven() throws Exception {
        var identity = IdentityClaims.identity("company", token(Map.of("preferred_username", "hanako",
                "name", "Hanako Sato", "email", "hanako@company.test", "email_verified", true,
                "groups", List.of("data-science"))), "groups", BOUNDS);

        assertEquals("company", identity.provider());
        assertEquals("https://login.company.example", identity.issuer());
        assertEquals("user-1", identity.subject());
        assertEquals("hanako", identity.preferredUsername());
        assertEquals("Hanako Sato", identity.name());
        assertEquals("hanako@company.test", identity.email());
        assertEquals(List.of("data-science"), identity.groups());
    }

    @Test
    void nothingButTheSubject() throws Exception {
        var identity = IdentityClaims.identity("company", token(Map.of()), "groups", BOUNDS);

        assertNull(identity.preferredUsername());
        assertNull(identity.name());
        assertNull(identity.email());
        assertEquals(List.of(), identity.groups());
    }

    @Test
    void groupsFromTheConfiguredClaim() throws Exception {
        var identity = IdentityClaims.identity("company", token(Map.of("roles", List.of("admins"))), "roles", BOUNDS);

        assertEquals(List.of("admins"), identity.groups());
    }

    @Test
    void oneGroupAsAString() throws Exception {
        assertEquals(List.of("solo"),
                IdentityClaims.identity("company", token(Map.of("groups", "solo")), "groups", BOUNDS).groups());
    }

    @Test
    void groupsThatAreNoNamesOrTooLongOrTooManyAreLeftOut() throws Exception {
        var groups = List.of("a", Map.of("nested", "x"), "b", "x".repeat(21), 7, "a", "c", "d");

        assertEquals(List.of("a", "b", "c"),
                IdentityClaims.identity("company", token(Map.of("groups", groups)), "groups", BOUNDS).groups());
    }

    @Test
    void anUnverifiedEmailIsLeftOut() throws Exception {
        var identity = IdentityClaims.identity("company", token(Map.of("email", "someone@company.test",
                "email_verified", false)), "groups", BOUNDS);

        assertNull(identity.email());
    }

    @Test
    void aTooLongUsernameOrEmailIsLeftOutAndANameCut() throws Exception {
        var identity = IdentityClaims.identity("company", token(Map.of("preferred_username", "u".repeat(21),
                "email", "e".repeat(10) + "@company.test", "name", "n".repeat(30))), "groups", BOUNDS);

        assertNull(identity.preferredUsername());
        assertNull(identity.email());
        assertEquals("n".repeat(20), identity.name());
    }

    @Test
    void aTooLongSubjectFailsTheSignIn() {
        var failure = assertThrows(UpstreamFailure.class, () -> IdentityClaims.identity("company",
                new IDTokenClaimsSet(new JWTClaimsSet.Builder().issuer("https://login.company.example")
                        .subject("s".repeat(21)).audience("torii").issueTime(new Date()).expirationTime(new Date())
                        .build()), "groups", BOUNDS));

        assertEquals(Reason.INVALID_TOKEN, failure.reason());
    }
}
