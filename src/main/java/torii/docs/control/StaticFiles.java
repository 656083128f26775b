package torii.docs.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the docs page, read once from the class path and kept in memory: this project's own under
 * {@code docs/}, then Swagger UI's from its webjar.
 */
public class StaticFiles {

    static final String OWN = "docs/";
    static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "png", "image/png",
            "map", "application/json");

    /** Only files that exist: remembering misses would let requests for made-up names fill the memory. */
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();
    private final String webjarDirectory = WEBJAR + webjarVersion() + "/";

    /** A file's bytes, media type and entity tag. */
    public record StaticFile(byte[] content, String mediaType, String etag) {
    }

    public Optional<StaticFile> find(String name) {
        return Optional.ofNullable(cache.computeIfAbsent(name, missing -> load(missing).orElse(null)));
    }

    int remembered() {
        return cache.size();
    }

    Optional<StaticFile> load(String name) {
        var extension = name.substring(name.lastIndexOf('.') + 1);
        var mediaType = MEDIA_TYPES.get(extension);
        if (mediaType == null) {
            return Optional.empty();
        }
        return read(OWN + name).or(() -> read(webjarDirectory + name))
                .map(bytes -> new StaticFile(bytes, mediaType, sha256(bytes)));
    }

    static Optional<byte[]> read(String path) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String webjarVersion() {
        var properties = new Properties();
        try (InputStream in = StaticFiles.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
