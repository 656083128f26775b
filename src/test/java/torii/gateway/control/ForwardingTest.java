package torii.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import torii.platform.control.Refusal;

/**
 * Whatever path, headers or redirect an application's caller or the application sends, the request stays below the
 * application's base URL, carries no credential or forwarding header of the caller's, and a redirect never names the
 * application's own address.
 */
class ForwardingTest {

    static final String BASE = "http://10.0.0.7:8000/rag/v2";
    static final String PREFIX = "/apps/rag";

    /** Pieces that make dot segments, encoded slashes and backslashes likely, among ordinary characters. */
    static final String[] PIECES = {".", "..", "%2e", "%2E", "%2f", "%2F", "%5c", "\\", "/", "a", "b", "%41", "%00",
        "%", "+", ";", "?", "#", "x=1", "&", "%20", "é"};

    static Gen<String> texts(int most) {
        return lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, most)
                .map(indexes -> {
                    var text = new StringBuilder();
                    indexes.forEach(index -> text.append(PIECES[index]));
                    return text.toString();
                });
    }

    @Test
    void anAcceptedPathStaysBelowTheBaseUrlOnceDecoded() {
        qt().withFixedSeed(20261201L).withExamples(20000).forAll(texts(12), texts(4)).checkAssert((path, query) -> {
            URI target;
            try {
                target = Forwarding.target(BASE, path, query.isEmpty() ? null : query);
            } catch (Refusal refused) {
                assertEquals(400, refused.kind().status());
                return;
            }
            assertTrue(target.getRawPath().startsWith("/rag/v2/"), target::toString);
            assertEquals("10.0.0.7", target.getHost());
            assertEquals(8000, target.getPort());
            var decoded = URLDecoder.decode(target.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
            assertFalse(decoded.contains("\\") || decoded.contains("\0"), decoded);
            for (var segment : decoded.split("/")) {
                assertFalse(segment.equals(".") || segment.equals(".."), decoded);
            }
            assertEquals(target.normalize().getRawPath(), target.getRawPath().replaceAll("/{2,}", "/"),
                    "no dot segment for a server to resolve");
        });
    }

    @Test
    void dotSegmentsEncodedOrNotAreRefused() {
        for (var path : List.of("..", "a/../..", "%2e%2e/x", "%2E./x", ".%2e", "a/%2e/b", "a%2f..%2fb", "a%5cb",
                "a\\b", "a%00b")) {
            assertThrows(Refusal.class, () -> Forwarding.target(BASE, path, null), path);
        }
        assertEquals(URI.create(BASE + "/search?q=a%20b"), Forwarding.target(BASE + "/", "/search", "q=a%20b"));
        assertEquals(URI.create(BASE + "/"), Forwarding.target(BASE, "", null));
    }

    static final List<String> NAMES = List.of("Authorization", "authorization", "Cookie", "Forwarded",
            "X-Forwarded-For", "x-forwarded-host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP", "Host",
            "Connection", "Keep-Alive", "TE", "Transfer-Encoding", "Upgrade", "Content-Length", "Expect", "X-API-Key",
            "x-api-key", "Proxy-Authorization", "Accept", "Content-Type", "X-Custom", "X-Secret-Hop");
    static final List<String> VALUES = List.of("close", "X-Custom", "x-secret-hop, keep-alive", "text/plain",
            "Bearer abc", "1.2.3.4");

    static Gen<Map<String, List<String>>> headers() {
        return lists().of(integers().between(0, NAMES.size() * VALUES.size() - 1)).ofSizeBetween(0, 12)
                .map(picks -> {
                    var headers = new LinkedHashMap<String, List<String>>();
                    picks.forEach(pick -> headers.computeIfAbsent(NAMES.get(pick % NAMES.size()),
                            name -> new ArrayList<>()).add(VALUES.get(pick / NAMES.size())));
                    return headers;
                });
    }

    @Test
    void noCredentialHopByHopOrForwardingHeaderTravelsOn() {
        qt().withFixedSeed(20261201L).withExamples(5000).forAll(headers()).checkAssert(headers -> {
            var named = new ArrayList<String>();
            headers.forEach((name, values) -> {
                if (name.equalsIgnoreCase("connection")) {
                    values.forEach(value -> List.of(value.split(",")).forEach(token ->
                            named.add(token.strip().toLowerCase(Locale.ROOT))));
                }
            });
            var sent = new ArrayList<String>();
            Forwarding.requestHeaders(headers, "X-API-Key", (name, value) -> sent.add(name.toLowerCase(Locale.ROOT)));
            for (var name : sent) {
                assertFalse(Forwarding.HOP_BY_HOP.contains(name) || Forwarding.GATEWAY_ONLY.contains(name)
                        || name.equals("x-api-key") || named.contains(name), name + " of " + headers);
            }
            var kept = headers.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT))
                    .filter(name -> List.of("accept", "content-type", "cookie").contains(name)
                            && !named.contains(name)).toList();
            assertTrue(sent.containsAll(kept), "the end-to-end headers travel: " + headers);
        });
    }

    static final String[] PARTS = {"http://", "https://", "10.0.0.7", ":8000", "example.com", "/rag/v2", "/rag",
        "/other", "/", "..", "?q=1", "#top", "//", "evil.example", "127.0.0.1", "@", "\\", " "};

    @Test
    void aRedirectNeverNamesTheApplicationsAddress() {
        var requested = URI.create(BASE + "/search");
        qt().withFixedSeed(20261201L).withExamples(20000)
                .forAll(lists().of(integers().between(0, PARTS.length - 1)).ofSizeBetween(0, 6))
                .checkAssert(indexes -> {
                    var location = new StringBuilder();
                    indexes.forEach(index -> location.append(PARTS[index]));
                    Optional<String> sent = Forwarding.location(location.toString(), requested, BASE, PREFIX,
                            uri -> !uri.getHost().startsWith("10.") && !uri.getHost().startsWith("127."));
                    sent.ifPresent(value -> {
                        if (!value.startsWith(PREFIX + "/")) {
                            var host = URI.create(value).getHost();
                            assertTrue(host != null && !host.equals("10.0.0.7") && !host.equals("127.0.0.1"), value);
                        }
                    });
                });
        assertEquals(Optional.of(PREFIX + "/login?next=%2F"),
                Forwarding.location("/rag/v2/login?next=%2F", requested, BASE, PREFIX, uri -> true));
        assertEquals(Optional.of(PREFIX + "/found"), Forwarding.location("found", requested, BASE, PREFIX, uri -> true));
        assertEquals(Optional.empty(), Forwarding.location("/admin", requested, BASE, PREFIX, uri -> true));
        assertEquals(Optional.of("https://example.com/x"),
                Forwarding.location("https://example.com/x", requested, BASE, PREFIX, uri -> true));
    }
}
