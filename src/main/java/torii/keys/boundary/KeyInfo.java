package torii.keys.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A signing key as administrators see it: its id, algorithm and state, when it was made and retired; a configured key
 * has no dates. Components are named as the JSON fields are.
 */
@JsonbPropertyOrder({"kid", "algorithm", "state", "created", "retired", "configured"})
public record KeyInfo(String kid, String algorithm, String state, Instant created, Instant retired,
        boolean configured) {

    /** Signs new tokens. */
    public static final String SIGNING = "signing";
    /** Signs no more, and verifies the tokens it signed until they have expired. */
    public static final String VERIFYING = "verifying";
    /** Verifies nothing any more; deleted at the next reload. */
    public static final String RETIRED = "retired";
}
