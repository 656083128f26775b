package torii.federation.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an account at an upstream provider is called here: a username made from the name the provider prefers (or the
 * e-mail address), and roles made from its groups. Names that cannot be made to fit are left out rather than guessed.
 */
public final class AccountNames {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** The role of administrators: never taken from a provider's group of that name by chance. */
    public static final String ADMIN = "admin";
    /** The role every user has. */
    public static final String USER = "user";
    /** Roles taken from a provider's groups at most; the rest are left out. */
    public static final int MAX_ROLES = 50;

    private AccountNames() {
    }

    /** Usernames to try, best first: the preferred name, the e-mail address, then each with the provider's id. */
    public static List<String> candidates(String preferred, String email, String provider) {
        var names = new LinkedHashSet<String>();
        for (var name : new String[] {preferred, email}) {
            var cleaned = clean(name);
            if (cleaned != null) {
                names.add(cleaned);
            }
        }
        var base = new ArrayList<>(names);
        for (var name : base) {
            var suffixed = clean(name + "-" + provider);
            if (suffixed != null) {
                names.add(suffixed);
            }
        }
        return List.copyOf(names);
    }

    static String clean(String name) {
        if (name == null) {
            return null;
        }
        var cleaned = name.strip().replaceAll("[^A-Za-z0-9._@-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64);
        }
        return USERNAME.matcher(cleaned).matches() ? cleaned : null;
    }

    /**
     * The roles of the provider's groups: a path's last part, in lower case, with other characters as hyphens;
     * {@code admin} only from the provider's administrators' group, when one is configured; and {@code user}.
     */
    public static Set<String> roles(List<String> groups, String adminGroup) {
        var roles = new LinkedHashSet<String>();
        roles.add(USER);
        for (var group : groups) {
            if (roles.size() > MAX_ROLES) {
                break;
            }
            if (adminGroup != null && adminGroup.equals(group)) {
                roles.add(ADMIN);
                continue;
            }
            var last = group.substring(group.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9_-]", "-");
            if (ROLE.matcher(last).matches() && !last.equals(ADMIN)) {
                roles.add(last);
            }
        }
        return Set.copyOf(roles);
    }
}
