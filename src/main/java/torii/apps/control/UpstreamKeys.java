package torii.apps.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import torii.security.control.SecretFiles;

/**
 * The API key of an application's upstream, from {@code torii.apps.<id>.api-key} or the file named by
 * {@code torii.apps.<id>.api-key-file} (an environment variable such as {@code TORII_APPS_TRANSLATOR_API_KEY} works
 * too). Read when needed, never stored with the application, never shown.
 */
@ApplicationScoped
public class UpstreamKeys {

    public Optional<String> key(String appId) {
        var config = ConfigProvider.getConfig();
        var inline = config.getOptionalValue("torii.apps." + appId + ".api-key", String.class);
        if (inline.isPresent()) {
            return inline;
        }
        return config.getOptionalValue("torii.apps." + appId + ".api-key-file", String.class)
                .map(file -> SecretFiles.read("torii.apps." + appId + ".api-key-file", file));
    }

    public boolean configured(String appId) {
        return key(appId).isPresent();
    }
}
