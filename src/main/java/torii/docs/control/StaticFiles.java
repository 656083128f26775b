package torii.docs.control;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
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
import java.util.function.Function;

/**
 * Files of a web page, read once from where they are packaged and kept in memory, served with an entity tag so that
 * revalidating costs a 304.
 */
public class StaticFiles {

    static final String OWN = "docs/";
    static final String WEBJARS = "META-INF/resources/webjars/";

    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "map", "application/json");

    /** Only files that exist: remembering misses would let requests for made-up names fill the memory. */
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();
    private final Function<String, Optional<byte[]>> source;

    /** A file's bytes, media type and entity tag. */
    public record StaticFile(byte[] content, String mediaType, String etag) {
    }

    /** Files by name from the given source, which answers empty for a name it does not hold. */
    public StaticFiles(Function<String, Optional<byte[]>> source) {
        this.source = source;
    }

    /** The docs page: this project's own files under {@code docs/} on the class path, then Swagger UI's webjar. */
    /** The files at the root of the WAR (the pages and their assets), as the servlet container holds them. */
    public static StaticFiles webapp(ServletContext context) {
        return new StaticFiles(name -> read(context.getResourceAsStream("/" + name)));
    }

    public static StaticFiles docs() {
        var webjarDirectory = webjarDirectory("org.webjars", "swagger-ui", "");
        return new StaticFiles(name -> classPath(OWN + name).or(() -> classPath(webjarDirectory + name)));
    }

    /** The files of one folder of a webjar ({@code "dist/"}, say), of whichever version the build packaged. */
    public static StaticFiles webjar(String groupId, String artifactId, String folder) {
        var directory = webjarDirectory(groupId, artifactId, folder);
        return new StaticFiles(name -> classPath(directory + name));
    }

    public Optional<StaticFile> find(String name) {
        return Optional.ofNullable(cache.computeIfAbsent(name, missing -> load(missing).orElse(null)));
    }

    /** The file as a response, or 304 when the client's copy is current; 404 for a file that is not there. */
    public Response.ResponseBuilder serve(String name, Request request) {
        var file = find(name).orElseThrow(NotFoundException::new);
        var cache = new CacheControl();
        // Revalidate every time: the URLs carry no version, and the ETag makes the check cheap.
        cache.setNoCache(true);
        var tag = new EntityTag(file.etag());
        var unchanged = request.evaluatePreconditions(tag);
        var response = unchanged != null ? unchanged : Response.ok(file.content(), file.mediaType());
        return response.tag(tag).cacheControl(cache);
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
        return source.apply(name).map(bytes -> new StaticFile(bytes, mediaType, sha256(bytes)));
    }

    /** The whole of a stream that may be missing (null), closed afterwards. */
    public static Optional<byte[]> read(InputStream stream) {
        try (InputStream in = stream) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<byte[]> classPath(String name) {
        return read(StaticFiles.class.getClassLoader().getResourceAsStream(name));
    }

    static String webjarDirectory(String groupId, String artifactId, String folder) {
        return WEBJARS + artifactId + "/" + webjarVersion(groupId, artifactId) + "/" + folder;
    }

    static String webjarVersion(String groupId, String artifactId) {
        var properties = new Properties();
        try (InputStream in = StaticFiles.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The " + artifactId + " webjar is missing from the class path");
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
