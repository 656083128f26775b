package torii.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;

/** What tells two deployments apart: a digest of an archive's entry paths and contents, nested archives included. */
final class Archives {

    private Archives() {
    }

    /** The archive's name and SHA-256 of its entries in path order: equal for the same WAR imported twice. */
    static String digest(Archive<?> archive) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            update(sha, archive);
            return archive.getName() + "@" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, Archive<?> archive) {
        var buffer = new byte[64 * 1024];
        for (var entry : new TreeMap<>(archive.getContent()).entrySet()) {
            sha.update(entry.getKey().get().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            var asset = entry.getValue().getAsset();
            if (asset instanceof ArchiveAsset nested) {
                // An exported archive carries the time of its export; its entries do not.
                update(sha, nested.getArchive());
            } else if (asset != null) {
                try (var content = asset.openStream()) {
                    for (int read; (read = content.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, read);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + entry.getKey() + " of " + archive.getName(), e);
                }
            }
        }
    }
}
