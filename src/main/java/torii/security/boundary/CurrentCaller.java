package torii.security.boundary;

import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request: its verified token, with the groups narrowed to those the user still holds, so that a
 * group taken away ends its grants and its role at once, whatever the token says. A group given since the token was
 * issued counts from the next login, when a token naming it is issued.
 */
public class CurrentCaller implements JsonWebToken {

    private final JsonWebToken token;
    private final Set<String> groups;

    public CurrentCaller(JsonWebToken token, Set<String> currentGroups) {
        this.token = token;
        this.groups = token.getGroups().stream().filter(currentGroups::contains).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    public <T> T getClaim(String claimName) {
        return token.getClaim(claimName);
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public String toString() {
        return "CurrentCaller[" + token + ", groups=" + groups + "]";
    }
}
