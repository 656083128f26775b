package torii.federation.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import torii.federation.entity.UpstreamFailure;
import torii.federation.entity.UpstreamFailure.Reason;

/**
 * This service as an OpenID Connect relying party, with the Nimbus SDK doing the protocol: discovery (cached for
 * {@code torii.federation.metadata-seconds}, the last good metadata kept while a provider cannot be reached), the
 * authorization request with state, nonce and PKCE S256, the code's exchange with {@code client_secret_basic}, and the
 * ID token's validation against the provider's JWK Set (signature with an asymmetric algorithm the provider announces,
 * issuer, audience, expiry with the configured clock skew, nonce). Every call to a provider is bounded by the
 * connect and read timeouts.
 */
public class UpstreamClient {

    private static final Logger LOG = Logger.getLogger(UpstreamClient.class.getName());
    /** The parameters of an authorization response that must come once: a repeated one may be an injected one. */
    static final List<String> SINGLE = List.of("code", "state", "error", "iss");

    record Resolved(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant until) {
    }

    private final FederationSettings settings;
    private final int clockSkewSeconds;
    private final Clock clock;
    private final ConcurrentMap<String, Resolved> resolved = new ConcurrentHashMap<>();

    public UpstreamClient(FederationSettings settings, int clockSkewSeconds, Clock clock) {
        this.settings = settings;
        this.clockSkewSeconds = clockSkewSeconds;
        this.clock = clock;
    }

    /** Where to send the browser to sign in at the provider. */
    public URI authorizationUrl(ProviderConfig provider, PendingSignIn pending) {
        var metadata = resolve(provider).metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, provider.scope(), provider.clientId(),
                pending.callback()).endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State(pending.state())).nonce(new Nonce(pending.nonce()))
                .codeChallenge(new CodeVerifier(pending.verifier()), CodeChallengeMethod.S256).build().toURI();
    }

    /** The validated ID token's claims for the provider's answer at the callback, the code exchanged for tokens. */
    public IDTokenClaimsSet finish(ProviderConfig provider, PendingSignIn pending, Map<String, List<String>> params) {
        for (var name : SINGLE) {
            if (params.getOrDefault(name, List.of()).size() > 1) {
                throw new UpstreamFailure(Reason.STATE_MISMATCH, "The answer of " + provider.id() + " repeats " + name);
            }
        }
        var resolved = resolve(provider);
        var response = parse(provider, pending, params);
        if (response.getState() == null || !same(response.getState().getValue(), pending.state())) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The answer of " + provider.id() + " is not for the "
                    + "sign-in under way in this browser");
        }
        // RFC 9207: the issuer named in the answer tells a provider's answer from another's (mix-up attacks).
        var issuer = response.getIssuer();
        if (issuer != null ? !issuer.equals(provider.issuer())
                : resolved.metadata().supportsAuthorizationResponseIssuerParam()) {
            throw new UpstreamFailure(Reason.STATE_MISMATCH, "The answer at the callback of " + provider.id()
                    + " does not come from its issuer");
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            if (OAuth2Error.ACCESS_DENIED.getCode().equals(error.getCode())) {
                throw new UpstreamFailure(Reason.DENIED, "The sign-in at " + provider.name() + " was refused or "
                        + "cancelled");
            }
            throw new UpstreamFailure(Reason.PROVIDER_ERROR, "The sign-in at " + provider.name() + " failed: "
                    + printable(error.getCode()));
        }
        var code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new UpstreamFailure(Reason.PROVIDER_ERROR, "The answer of " + provider.id() + " has no code");
        }
        var tokens = exchange(provider, resolved.metadata(), new AuthorizationCodeGrant(code, pending.callback(),
                new CodeVerifier(pending.verifier())));
        try {
            return resolved.validator().validate(tokens.getOIDCTokens().getIDToken(), new Nonce(pending.nonce()));
        } catch (KeySourceException e) {
            throw new UpstreamFailure(Reason.UNREACHABLE, "Could not read the keys of " + provider.id() + ": "
                    + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new UpstreamFailure(Reason.INVALID_TOKEN, "The ID token of " + provider.id() + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    AuthenticationResponse parse(ProviderConfig provider, PendingSignIn pending, Map<String, List<String>> params) {
        try {
            return AuthenticationResponseParser.parse(pending.callback(), params);
        } catch (ParseException e) {
            throw new UpstreamFailure(Reason.PROVIDER_ERROR, "The answer at the callback of " + provider.id()
                    + " is not an authorization response");
        }
    }

    OIDCTokenResponse exchange(ProviderConfig provider, OIDCProviderMetadata metadata, AuthorizationCodeGrant grant) {
        var request = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(provider.clientId(), provider.secret()), grant).toHTTPRequest();
        request.setConnectTimeout(settings.connectTimeoutMillis());
        request.setReadTimeout(settings.readTimeoutMillis());
        // A redirect would carry the client's credentials to wherever it points.
        request.setFollowRedirects(false);
        try {
            var response = OIDCTokenResponseParser.parse(request.send());
            if (!response.indicatesSuccess()) {
                throw new UpstreamFailure(Reason.INVALID_TOKEN, provider.id() + " refused to exchange the code: "
                        + printable(response.toErrorResponse().getErrorObject().getCode()));
            }
            var tokens = (OIDCTokenResponse) response.toSuccessResponse();
            if (tokens.getOIDCTokens().getIDToken() == null) {
                throw new UpstreamFailure(Reason.INVALID_TOKEN, provider.id() + " gave no ID token");
            }
            return tokens;
        } catch (IOException e) {
            throw new UpstreamFailure(Reason.UNREACHABLE, "Could not reach the token endpoint of " + provider.id()
                    + ": " + e.getMessage(), e);
        } catch (ParseException | ClassCastException e) {
            throw new UpstreamFailure(Reason.INVALID_TOKEN, "The token response of " + provider.id()
                    + " is not one of OpenID Connect", e);
        }
    }

    /** The provider's metadata and ID token validator, fetched again when their time is up. */
    Resolved resolve(ProviderConfig provider) {
        var known = resolved.get(provider.id());
        var now = clock.instant();
        if (known != null && now.isBefore(known.until())) {
            return known;
        }
        try {
            // resolve() also checks that the metadata names the configured issuer.
            var metadata = OIDCProviderMetadata.resolve(provider.issuer(), settings.connectTimeoutMillis(),
                    settings.readTimeoutMillis());
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                    || metadata.getJWKSetURI() == null) {
                throw new GeneralException("its metadata lacks the authorization, token or JWK Set endpoint");
            }
            var retriever = new DefaultResourceRetriever(settings.connectTimeoutMillis(), settings.readTimeoutMillis(),
                    settings.maxJwksBytes());
            var keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(), retriever).build();
            var validator = new IDTokenValidator(provider.issuer(), provider.clientId(),
                    new JWSVerificationKeySelector<>(algorithms(metadata), keys), null);
            validator.setMaxClockSkew(clockSkewSeconds);
            var fresh = new Resolved(metadata, validator, now.plus(settings.metadataLifetime()));
            resolved.put(provider.id(), fresh);
            return fresh;
        } catch (GeneralException | IOException | IllegalArgumentException e) {
            if (known != null) {
                LOG.warning("Could not read the metadata of " + provider.id() + " again; using what was read before: "
                        + e.getMessage());
                return known;
            }
            throw new UpstreamFailure(Reason.UNREACHABLE, "Could not read the OpenID Connect metadata of "
                    + provider.id() + " at " + provider.issuer() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The asymmetric algorithms the provider says it signs ID tokens with; RS256, which every provider must support,
     * when it names none. A MAC keyed with the client secret or {@code none} is never taken.
     */
    static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata metadata) {
        var announced = metadata.getIDTokenJWSAlgs() == null ? List.<JWSAlgorithm>of() : metadata.getIDTokenJWSAlgs();
        var asymmetric = announced.stream().filter(algorithm -> JWSAlgorithm.Family.RSA.contains(algorithm)
                || JWSAlgorithm.Family.EC.contains(algorithm) || JWSAlgorithm.Family.ED.contains(algorithm))
                .collect(Collectors.toSet());
        return asymmetric.isEmpty() ? Set.of(JWSAlgorithm.RS256) : asymmetric;
    }

    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** An error code from the provider, safe to put in a message. */
    static String printable(String code) {
        return code == null ? "no error code" : code.replaceAll("[^A-Za-z0-9_.-]", "?")
                .substring(0, Math.min(code.length(), 64));
    }
}
