package torii.testing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only, added to a copy of the WAR by GeneratedHostileInputIT and never to the built one: what a black-box test
 * cannot see from outside, the stored users, clients, signing keys and API keys, the signing key itself, and the heap.
 */
@Path("test-only")
@PermitAll
public class StateProbe {

    /** Each table with its key column: a row is named by its key, so that a change can say which row it touched. */
    static final Map<String, String> TABLES = Map.of("users", "username", "clients", "client_id",
            "signing_keys", "kid", "api_keys", "id");
    /** A column a refused request may change: a key's last use is written before the request is judged. */
    static final String LAST_USED = "last_used_at";

    /** One line per row, "table key hash-of-every-column", sorted. */
    @GET
    @Path("state")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String state() throws NamingException, SQLException {
        var lines = new ArrayList<String>();
        try (var connection = dataSource().getConnection(); var statement = connection.createStatement()) {
            for (var table : TABLES.entrySet()) {
                try (var rows = statement.executeQuery("SELECT * FROM " + table.getKey())) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        var row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            if (rows.getMetaData().getColumnName(i).equalsIgnoreCase(LAST_USED)) {
                                continue;
                            }
                            row.append(rows.getMetaData().getColumnName(i)).append('=').append(rows.getString(i))
                                    .append('\u0001');
                        }
                        lines.add(table.getKey() + " " + rows.getString(table.getValue()) + " " + hash(row.toString()));
                    }
                }
            }
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    /** The JWK of the key that signs now, so that tests can build tokens that are broken in one way only. */
    @GET
    @Path("signing-key")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String signingKey() throws NamingException, SQLException {
        try (var connection = dataSource().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT jwk FROM signing_keys WHERE retired IS NULL ORDER BY created DESC")) {
            if (!rows.next()) {
                throw new IllegalStateException("No stored signing key; is a key configured?");
            }
            return rows.getString(1);
        }
    }

    /** "used max": bytes of heap in use after a full collection, and the most the heap may grow to. */
    @GET
    @Path("heap")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String heap() {
        // Twice: the first collection may only finalize what the second frees.
        System.gc();
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() + " " + heap.getMax();
    }

    static DataSource dataSource() throws NamingException {
        return (DataSource) new InitialContext().lookup("java:comp/DefaultDataSource");
    }

    static String hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of {@link #state()} as the test reads them. */
    public static List<String> lines(String state) {
        return state.isEmpty() ? List.of() : List.of(state.split("\n"));
    }
}
