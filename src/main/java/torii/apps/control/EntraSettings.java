package torii.apps.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import torii.platform.control.SecretFiles;

/**
 * An application's Microsoft Entra ID client as an operator configures it, below {@code torii.apps.<id>.entra.}; any
 * of these settings makes it configured, and then it must be complete:
 * <ul>
 * <li>{@code tenant-id}, default none: the directory (tenant) id or domain, required when the token URL names
 * {@code {tenant}}, as the default does;</li>
 * <li>{@code client-id}, default none, required: the application (client) id;</li>
 * <li>{@code client-secret}, default none, or {@code client-secret-file}, default none, a file holding it: one of them
 * required, the inline one winning;</li>
 * <li>{@code token-url}, default {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}: where tokens are
 * asked for, to be changed for a sovereign cloud or a test; {@code {tenant}} in it is replaced by the tenant id;</li>
 * <li>{@code scope}, default {@code https://cognitiveservices.azure.com/.default}: the scope asked for.</li>
 * </ul>
 * The secret is read (from its file too) each time the client is, as keys are, so that a rotated one is used at once.
 */
final class EntraSettings {

    /** The settings below {@code torii.apps.<id>.entra.}. */
    static final List<String> NAMES = List.of("tenant-id", "client-id", "client-secret", "client-secret-file",
            "token-url", "scope");
    /** A setting of an Entra client, its application id in the first group. */
    static final Pattern SETTING = Pattern.compile("torii\\.apps\\.(.+)\\.entra\\.(" + String.join("|", NAMES) + ")");
    /** An Entra tenant is a GUID or a domain name, and goes into the token endpoint's path. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    private final String prefix;
    private final Map<String, String> values = new LinkedHashMap<>();

    private EntraSettings(Config config, String appId) {
        prefix = "torii.apps." + appId + ".entra.";
        for (var name : NAMES) {
            config.getOptionalValue(prefix + name, String.class).map(String::strip).filter(value -> !value.isEmpty())
                    .ifPresent(value -> values.put(name, value));
        }
    }

    static EntraSettings of(Config config, String appId) {
        return new EntraSettings(config, appId);
    }

    boolean configured() {
        return !values.isEmpty();
    }

    /** What the client lacks, as a message naming the setting; none when it is complete or not configured. */
    Optional<String> fault() {
        if (!configured()) {
            return Optional.empty();
        }
        if (!values.containsKey("client-id")) {
            return Optional.of(prefix + "client-id must be set, since other " + prefix + "* settings are");
        }
        if (!values.containsKey("client-secret") && !values.containsKey("client-secret-file")) {
            return Optional.of(prefix + "client-secret or " + prefix + "client-secret-file must be set, since "
                    + prefix + "client-id is");
        }
        try {
            tokenUrl();
            return Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.of(malformed.getMessage());
        }
    }

    /** The client, when it is configured and complete; IllegalArgumentException naming the setting at fault. */
    Optional<EntraClient> client() {
        if (!configured()) {
            return Optional.empty();
        }
        var fault = fault();
        if (fault.isPresent()) {
            throw new IllegalArgumentException(fault.get());
        }
        var secret = Optional.ofNullable(values.get("client-secret"))
                .orElseGet(() -> SecretFiles.read(prefix + "client-secret-file", values.get("client-secret-file")));
        return Optional.of(new EntraClient(values.get("client-id"), secret, tokenUrl(),
                values.getOrDefault("scope", EntraClient.COGNITIVE_SERVICES)));
    }

    URI tokenUrl() {
        var template = values.getOrDefault("token-url", EntraClient.PUBLIC_CLOUD_TOKEN_URL);
        var url = template;
        if (template.contains("{tenant}")) {
            var tenant = values.get("tenant-id");
            if (tenant == null || !TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException(prefix + "tenant-id must be set to a tenant's id or domain name "
                        + "for the token endpoint " + template);
            }
            url = template.replace("{tenant}", tenant);
        }
        try {
            var uri = new URI(url);
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // Answered below, without the parser's words.
        }
        throw new IllegalArgumentException(prefix + "token-url must be an absolute http or https URL");
    }

    /** The fault of the first incomplete client among the settings the configuration can list, if there is one. */
    static Optional<String> firstFault(Config config) {
        for (var name : config.getPropertyNames()) {
            var setting = SETTING.matcher(name);
            if (setting.matches()) {
                var fault = of(config, setting.group(1)).fault();
                if (fault.isPresent()) {
                    return fault;
                }
            }
        }
        return Optional.empty();
    }
}
