package torii.apps.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.control.SecretFiles;

/**
 * Where an application's requests may go, and with which credentials. The key of an upstream comes from configuration
 * ({@code torii.apps.<id>.api-key}, or the file {@code torii.apps.<id>.api-key-file}); an Azure OpenAI application may
 * instead have a Microsoft Entra ID client ({@code torii.apps.<id>.entra.*}, see {@link EntraSettings}) with which the
 * gateway obtains tokens. Either is bound to the URL configured beside it ({@code torii.apps.<id>.base-url}): it is
 * used there and nowhere else, whatever an administrator stores. Any other URL an administrator stores must not lead
 * to a loopback, link-local, private or otherwise internal address unless {@code torii.gateway.allowed-upstreams}
 * allows it, so that the gateway cannot be turned against the network it runs in. Credentials are read when needed,
 * never stored with the application, never shown.
 */
@ApplicationScoped
public class Upstreams {

    /** Comma-separated host names, addresses and CIDR ranges; read as text, since Payara cannot inject an optional list. */
    @Inject
    @ConfigProperty(name = "torii.gateway.allowed-upstreams")
    Optional<String> allowedUpstreams;

    /** The header an HTTP application's key travels in unless its own setting names another. */
    public static final String KEY_HEADER = "X-API-Key";

    /**
     * What authenticates an application's calls upstream: a key, or an Entra ID client, or neither; never both, since
     * an Entra client wins over a key configured beside it (see {@link Upstreams#credentials}). Its text never shows
     * the key.
     */
    public record Credentials(Optional<String> key, Optional<EntraClient> entra) {

        static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

        public boolean any() {
            return key.isPresent() || entra.isPresent();
        }

        @Override
        public String toString() {
            return "Credentials[" + (key.isPresent() ? "key" : entra.map(EntraClient::toString).orElse("none")) + "]";
        }
    }

    @Inject
    Config config;

    private AddressRules rules;

    public Upstreams() {
    }

    Upstreams(Config config, String allowed) {
        this.config = config;
        this.allowedUpstreams = Optional.ofNullable(allowed);
        init();
    }

    @PostConstruct
    void init() {
        try {
            rules = AddressRules.parse(allowedUpstreams.orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("torii.gateway.allowed-upstreams: " + e.getMessage(), e);
        }
        checkEntraClients();
    }

    /** An Entra client missing a setting stops the start, instead of failing every call of its application. */
    void checkEntraClients() {
        EntraSettings.firstFault(config).ifPresent(fault -> {
            throw new IllegalStateException(fault);
        });
    }

    /** Created at start, so that a wrong setting stops the deployment instead of failing the first request. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing the event is enough: it makes the container create this bean now.
    }

    /** Whether an operator gave the application an API key; an Entra client is not one. */
    public boolean keyConfigured(String appId) {
        return key(appId).isPresent();
    }

    /**
     * The application's credentials as configured. An Entra client wins over a key configured beside it, which is then
     * neither read nor sent: an operator who moves an application to Entra ID can do so before removing the key, and
     * a token scoped to a role is the narrower credential. Entra tokens are used by Azure OpenAI applications only; on
     * any other backend an application with an Entra client sends no credential.
     */
    Credentials credentials(String appId) {
        var entra = entraClient(appId);
        return entra.isPresent() ? new Credentials(Optional.empty(), entra) : new Credentials(key(appId), Optional.empty());
    }

    /**
     * The application's Entra ID client, if an operator configured one ({@link EntraSettings}). An incomplete client
     * named in system properties or a configuration file stops the start; one the start cannot see (given as
     * environment variables, whose names do not tell the application id) fails its calls with a 502 naming the setting,
     * before anything is sent.
     */
    public Optional<EntraClient> entraClient(String appId) {
        try {
            return EntraSettings.of(config, appId).client();
        } catch (IllegalArgumentException incomplete) {
            throw new Refusal(Kind.UPSTREAM_FAILED, "upstream_auth", "The application's Entra ID client is not "
                    + "configured completely: " + incomplete.getMessage(), null);
        }
    }

    Optional<String> key(String appId) {
        var inline = config.getOptionalValue("torii.apps." + appId + ".api-key", String.class);
        if (inline.isPresent()) {
            return inline;
        }
        return config.getOptionalValue("torii.apps." + appId + ".api-key-file", String.class)
                .map(file -> SecretFiles.read("torii.apps." + appId + ".api-key-file", file));
    }

    /** The header that carries an HTTP application's key: {@code torii.apps.<id>.api-key-header}, by default X-API-Key. */
    public String keyHeader(String appId) {
        return config.getOptionalValue("torii.apps." + appId + ".api-key-header", String.class).orElse(KEY_HEADER);
    }

    /**
     * Whether every address of the URL's host is public (neither loopback, link-local, private nor otherwise
     * internal), whatever torii.gateway.allowed-upstreams allows the gateway itself to call; an unknown host is not.
     */
    public boolean isPublic(URI url) {
        var host = url.getHost();
        if (host == null) {
            return false;
        }
        try {
            var literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return Arrays.stream(InetAddress.getAllByName(literal)).noneMatch(AddressRules::internal);
        } catch (UnknownHostException unresolvable) {
            return false;
        }
    }

    Optional<String> pinned(String appId) {
        return config.getOptionalValue("torii.apps." + appId + ".base-url", String.class).map(Upstreams::normal);
    }

    /** 400 naming base_url when an administrator may not point the application there. */
    public void checkStored(String appId, String baseUrl) {
        var pinned = pinned(appId);
        if (pinned.isPresent() && pinned.get().equals(normal(baseUrl))) {
            return;
        }
        if (keyConfigured(appId) || EntraSettings.of(config, appId).configured()) {
            throw Refusal.invalidParam("base_url", pinned.map(url -> "the application's credentials are configured "
                    + "for " + url + "; change torii.apps." + appId + ".base-url to move them").orElse("the "
                    + "application's credentials are bound to no URL; an operator must set torii.apps." + appId
                    + ".base-url"));
        }
        if (!allowed(baseUrl, true)) {
            throw Refusal.invalidParam("base_url", "leads to a loopback, link-local or private address, which "
                    + "torii.gateway.allowed-upstreams does not allow");
        }
    }

    /** The key to send to the application's upstream, checked as {@link #credentialsForCall} checks it. */
    public Optional<String> keyForCall(String appId, String baseUrl) {
        return credentialsForCall(appId, baseUrl).key();
    }

    /**
     * The credentials to use for the application's upstream, checked again at each call: the URL may have been stored
     * before these rules, and a host name may lead elsewhere now. A refusal is a 502, before anything is sent.
     */
    public Credentials credentialsForCall(String appId, String baseUrl) {
        var credentials = credentials(appId);
        if (pinned(appId).filter(normal(baseUrl)::equals).isPresent()) {
            return credentials;
        }
        if (credentials.any()) {
            throw new Refusal(Kind.UPSTREAM_FAILED, "upstream_error", "The application's upstream is not the one its "
                    + "credentials are configured for; an operator must set torii.apps." + appId + ".base-url", null);
        }
        if (!allowed(baseUrl, false)) {
            throw new Refusal(Kind.UPSTREAM_FAILED, "upstream_error",
                    "The application's upstream leads to an address that is not allowed", null);
        }
        return Credentials.NONE;
    }

    /** Whether every address of the URL's host is allowed; a host that does not resolve counts as {@code unknown}. */
    boolean allowed(String baseUrl, boolean unknown) {
        String host;
        try {
            host = URI.create(baseUrl).getHost();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (rules.allowsName(host)) {
            return true;
        }
        try {
            var literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return Arrays.stream(InetAddress.getAllByName(literal)).allMatch(rules::allows);
        } catch (UnknownHostException unresolvable) {
            return unknown;
        }
    }

    static String normal(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
