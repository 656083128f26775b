package torii.testing.hostile;

import java.util.List;
import java.util.Set;

/**
 * Who a request claims to come from: the Authorization header it carries (none, a broken token, or a real token of a
 * kind: a user's, a client's own, a user's API key, or a user's who must first change their password), with the roles and scopes that the server granted that token.
 */
public record Credential(Kind kind, String name, String authorization, Set<String> roles, Set<String> scopes) {

    /** The kinds of caller. */
    public enum Kind {
        NONE, BROKEN, USER, CLIENT, API_KEY, ADMIN_WITHOUT_ADMIN_SCOPE, ADMIN,
        /** An administrator whose password an administrator set as temporary: nothing but its change is open. */
        TEMPORARY_PASSWORD
    }

    public static Credential none() {
        return new Credential(Kind.NONE, "no token", null, Set.of(), Set.of());
    }

    public static Credential broken(String breakage, String token) {
        return new Credential(Kind.BROKEN, "broken token: " + breakage, "Bearer " + token, Set.of(), Set.of());
    }

    /** A token the server issued, with what it granted. */
    public static Credential issued(Kind kind, String name, String token, Set<String> roles, List<String> scopes) {
        return new Credential(kind, name, "Bearer " + token, Set.copyOf(roles), Set.copyOf(scopes));
    }

    /** Whether the server would know who this is: a token it issued. */
    public boolean valid() {
        return kind != Kind.NONE && kind != Kind.BROKEN;
    }

    /** The shell variable that holds a token of this kind when a finding is sent again, or null for none. */
    public String variable() {
        return valid() ? kind.name() + "_TOKEN" : null;
    }

    public boolean holds(String role, String scope) {
        return valid() && roles.contains(role) && scopes.contains(scope);
    }

    @Override
    public String toString() {
        return name;
    }
}
