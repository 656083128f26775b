package torii.federation.boundary;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import torii.federation.control.FederationSettings;
import torii.federation.control.IdentityClaims;
import torii.federation.control.PendingSignIn;
import torii.federation.control.ProviderConfig;
import torii.federation.control.Providers;
import torii.federation.control.SignInCookies;
import torii.federation.control.UpstreamClient;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;
import torii.federation.entity.UpstreamIdentity;
import torii.federation.entity.UpstreamProvider;
import torii.federation.entity.UpstreamStart;
import torii.keys.control.KeyRing;
import torii.platform.control.TokenSettings;

/**
 * Signing in with an account at an upstream OpenID Connect provider: the providers to offer, the start of a sign-in
 * (where to send the browser, and the cookie that carries the sign-in until the callback), and its end (the verified
 * identity). Every failure is an {@link UpstreamFailure} with its reason.
 */
@ApplicationScoped
public class Federation {

    /**
     * The cookie's name. Set it HttpOnly, Secure on https, SameSite=Lax (the callback is a cross-site navigation, which
     * Strict would send without it), with a path that holds both the start and the callback.
     */
    public static final String COOKIE = "torii_upstream";

    @Inject
    Config config;

    @Inject
    FederationSettings settings;

    @Inject
    TokenSettings tokens;

    @Inject
    KeyRing keys;

    private Providers providers;
    private SignInCookies cookies;
    private UpstreamClient client;

    public Federation() {
    }

    public Federation(Providers providers, SignInCookies cookies, UpstreamClient client, FederationSettings settings) {
        this.providers = providers;
        this.cookies = cookies;
        this.client = client;
        this.settings = settings;
    }

    @PostConstruct
    void init() {
        providers = Providers.read(name -> config.getOptionalValue(name, String.class));
        cookies = new SignInCookies(keys, tokens.algorithm(), settings.cookieLifetime(), Clock.systemUTC());
        client = new UpstreamClient(settings, tokens.clockSkewSeconds(), Clock.systemUTC());
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first sign-in. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    public List<UpstreamProvider> providers() {
        return providers.all().stream().map(provider -> new UpstreamProvider(provider.id(), provider.name())).toList();
    }

    /**
     * A sign-in at the provider, to go on afterwards with the authorization request {@code returnQuery} (a query
     * string, without {@code ?}); {@code callback} is this service's callback URL for the provider, the same that
     * {@link #finish} is given. Reads the provider's metadata if it is not known yet.
     */
    public UpstreamStart start(String providerId, String returnQuery, URI callback) {
        var provider = provider(providerId);
        var query = returnQuery == null ? "" : returnQuery;
        if (query.length() > settings.maxReturnQueryLength()) {
            throw new UpstreamFailure(Reason.REQUEST_TOO_LARGE, "The authorization request is longer than "
                    + settings.maxReturnQueryLength() + " characters (torii.federation.max-return-query-length)");
        }
        var state = new State().getValue();
        var nonce = new Nonce().getValue();
        var verifier = new CodeVerifier().getValue();
        var cookie = cookies.seal(provider.id(), state, nonce, verifier, callback, query);
        var pending = new PendingSignIn(provider.id(), state, nonce, verifier, callback, query, null);
        return new UpstreamStart(client.authorizationUrl(provider, pending), cookie, cookies.lifetime());
    }

    /**
     * The identity the provider vouches for, from the query parameters of the callback, the sign-in cookie the browser
     * sent with it and the same callback URL as at the start. The cookie is spent either way: clear it.
     */
    public UpstreamIdentity finish(String providerId, Map<String, List<String>> params, String cookie, URI callback) {
        var provider = provider(providerId);
        var pending = cookies.open(cookie, provider.id());
        if (!pending.callback().equals(callback)) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The sign-in under way in this browser was started at "
                    + "another address of this service");
        }
        var claims = client.finish(provider, pending, params);
        return IdentityClaims.identity(provider.id(), claims, provider.groupsClaim(), settings);
    }

    /**
     * The authorization request carried by a cookie this service set, expired or not, to go on with after
     * {@link #finish}, or to send its failure to the client; empty when the cookie is missing or forged.
     */
    public Optional<String> returnQuery(String cookie) {
        try {
            return Optional.of(cookies.read(cookie).returnQuery());
        } catch (UpstreamFailure notGenuine) {
            return Optional.empty();
        }
    }

    ProviderConfig provider(String id) {
        return providers.find(id).orElseThrow(() -> new UpstreamFailure(Reason.UNKNOWN_PROVIDER,
                "No such sign-in provider is configured"));
    }
}
