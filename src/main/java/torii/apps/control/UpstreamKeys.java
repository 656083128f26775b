package torii.apps.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

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
        return config.getOptionalValue("torii.apps." + appId + ".api-key-file", String.class).map(UpstreamKeys::read);
    }

    public boolean configured(String appId) {
        return key(appId).isPresent();
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            // The message names the file, never its content.
            throw new UncheckedIOException("Cannot read the API key file " + file, e);
        }
    }
}
