package torii.federation.control;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import torii.platform.control.SecretFiles;

/**
 * The configured providers, read and checked once: {@code torii.federation.providers} lists their ids, and below
 * {@code torii.federation.<id>.} each has
 * <ul>
 * <li>{@code issuer}, required: the provider's issuer URL, where {@code /.well-known/openid-configuration} is found;
 * https, or http on a loopback address only;</li>
 * <li>{@code client-id}, required, and {@code client-secret-file}, required: this service's confidential client there,
 * the secret being the file's first line;</li>
 * <li>{@code name}, default the id: what the sign-in button says;</li>
 * <li>{@code groups-claim}, default {@code groups}: the ID token claim that lists the person's groups;</li>
 * <li>{@code scope}, default {@code openid profile email}: the scope asked for, which must hold {@code openid}.</li>
 * </ul>
 * A wrong or missing setting is an IllegalStateException naming it, so that the deployment stops.
 */
public final class Providers {

    public static final String PREFIX = "torii.federation.";
    public static final String LIST = PREFIX + "providers";
    /** The id goes into URL paths and cookies: short, lower case, no separators but the hyphen. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final String DEFAULT_SCOPE = "openid profile email";
    static final String DEFAULT_GROUPS_CLAIM = "groups";
    /** A button's text, not a page. */
    static final int MAX_NAME_LENGTH = 64;

    private final Map<String, ProviderConfig> byId;

    private Providers(Map<String, ProviderConfig> byId) {
        this.byId = byId;
    }

    /** The providers from the settings; the lookup gives a setting's value, if it is set. */
    public static Providers read(Function<String, Optional<String>> setting) {
        var byId = new LinkedHashMap<String, ProviderConfig>();
        var listed = value(setting, LIST).orElse("");
        for (var id : listed.split(",")) {
            id = id.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException(LIST + " names \"" + id + "\"; a provider id is 1 to 32 lower-case "
                        + "letters, digits and hyphens, starting with a letter or digit");
            }
            if (byId.containsKey(id)) {
                throw new IllegalStateException(LIST + " names " + id + " twice");
            }
            byId.put(id, provider(setting, id));
        }
        return new Providers(byId);
    }

    static ProviderConfig provider(Function<String, Optional<String>> setting, String id) {
        var prefix = PREFIX + id + ".";
        var issuer = issuer(prefix + "issuer", required(setting, prefix + "issuer", id));
        var clientId = required(setting, prefix + "client-id", id);
        var secretFile = required(setting, prefix + "client-secret-file", id);
        if (SecretFiles.read(prefix + "client-secret-file", secretFile).isEmpty()) {
            throw new IllegalStateException("The file of " + prefix + "client-secret-file, " + secretFile
                    + ", holds no secret on its first line");
        }
        var name = value(setting, prefix + "name").orElse(id);
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalStateException(prefix + "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        var groupsClaim = value(setting, prefix + "groups-claim").orElse(DEFAULT_GROUPS_CLAIM);
        var scope = Scope.parse(value(setting, prefix + "scope").orElse(DEFAULT_SCOPE));
        if (!scope.contains(OIDCScopeValue.OPENID)) {
            throw new IllegalStateException(prefix + "scope must hold openid, was " + scope);
        }
        return new ProviderConfig(id, name, issuer, new ClientID(clientId), secretFile, groupsClaim, scope);
    }

    /** https, or http to this machine: a token request over plain http elsewhere would give the secret away. */
    static Issuer issuer(String name, String value) {
        try {
            var uri = new URI(value);
            var scheme = String.valueOf(uri.getScheme()).toLowerCase();
            if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost()))) {
                throw new IllegalStateException(name + " must be an https URL (http only on a loopback address), "
                        + "without query or fragment; was " + value);
            }
            return new Issuer(value);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name + " is not a URL: " + value);
        }
    }

    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String required(Function<String, Optional<String>> setting, String name, String id) {
        return value(setting, name).orElseThrow(() -> new IllegalStateException(name + " must be set, since "
                + LIST + " names " + id));
    }

    static Optional<String> value(Function<String, Optional<String>> setting, String name) {
        return setting.apply(name).map(String::strip).filter(value -> !value.isEmpty());
    }

    public Optional<ProviderConfig> find(String id) {
        return Optional.ofNullable(id).map(byId::get);
    }

    public List<ProviderConfig> all() {
        return List.copyOf(byId.values());
    }
}
