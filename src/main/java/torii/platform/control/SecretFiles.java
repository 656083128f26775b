package torii.platform.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Secrets kept in files (passwords, client secrets, upstream API keys): the first line, without surrounding blanks. */
public interface SecretFiles {

    /** The message of a failure names the setting and the file, never the content. */
    static String read(String setting, String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the file of " + setting + ", " + file + ": " + e);
        }
    }
}
