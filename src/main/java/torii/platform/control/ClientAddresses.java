package torii.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client behind a request: the peer's, unless the peer is a configured trusted proxy, in which
 * case the nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy. Anyone can write that
 * header, so it is believed only from a proxy that sets it.
 */
@ApplicationScoped
public class ClientAddresses {

    /** The longest textual IPv6 address with a zone is well under this; anything longer is not an address. */
    static final int MAX_ADDRESS_LENGTH = 64;

    /** Comma-separated addresses; read as text, since Payara cannot inject an optional list. */
    @Inject
    @ConfigProperty(name = "torii.client-address.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted;

    public ClientAddresses() {
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = Optional.of(String.join(",", trustedProxies));
    }

    Set<String> trusted() {
        if (trusted == null) {
            trusted = Set.copyOf(List.of(trustedProxies.orElse("").split(",")).stream().map(String::strip)
                    .filter(address -> !address.isEmpty()).toList());
        }
        return trusted;
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    /** The client's address, given the peer's and every {@code X-Forwarded-For} header in order. */
    public String of(String peer, List<String> forwardedFor) {
        var trustedProxies = trusted();
        if (!trustedProxies.contains(peer) || forwardedFor == null) {
            return peer;
        }
        var hops = String.join(",", forwardedFor).split(",", -1);
        // The right-most entries were added by the proxies nearest to this service: the only ones to believe.
        for (int i = hops.length - 1; i >= 0; i--) {
            var hop = hops[i].strip();
            if (hop.isEmpty() || hop.length() > MAX_ADDRESS_LENGTH) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
