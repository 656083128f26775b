package torii.console.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import torii.platform.entity.AuditEvent;

/** The console's script as it is packaged, for what a browser test would only find by chance. */
class ConsoleFilesTest {

    static final Path SCRIPT = Path.of("src", "main", "webapp", "admin.js");

    @Test
    void everyKindOfAuditEventCanBeChosen() throws IOException {
        var list = Pattern.compile("const AUDIT_ACTIONS = \\[(.*?)];", Pattern.DOTALL).matcher(script());
        assertTrue(list.find(), "the script lists the kinds of event");
        var offered = Pattern.compile("\"([a-z_]+)\"").matcher(list.group(1)).results().map(kind -> kind.group(1))
                .collect(Collectors.toSet());
        var outcomes = Set.of(AuditEvent.SUCCESS, AuditEvent.FAILURE, AuditEvent.THROTTLED);
        var kinds = Arrays.stream(AuditEvent.class.getFields()).filter(ConsoleFilesTest::textConstant)
                .map(ConsoleFilesTest::value).filter(value -> !outcomes.contains(value)).collect(Collectors.toSet());
        assertEquals(kinds, offered);
    }

    /** The console's script, the chat page's, the sign-in module they share, and the login page's. */
    @ParameterizedTest
    @ValueSource(strings = {"admin.js", "app.js", "session.js", "signin.js"})
    void scriptNeverTurnsTextIntoMarkupOrCode(String name) throws IOException {
        var script = Files.readString(SCRIPT.resolveSibling(name));
        for (var sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute(\"on", "setAttribute(\"style")) {
            assertFalse(script.contains(sink), sink);
        }
        var attributes = Pattern.compile("setAttribute\\(\"([a-z-]+)\"").matcher(script).results()
                .map(MatchResult::group).map(call -> call.substring(call.indexOf('"') + 1, call.length() - 1))
                .collect(Collectors.toSet());
        assertTrue(Set.of("aria-label", "aria-current", "aria-describedby", "aria-invalid", "aria-busy").containsAll(attributes),
                attributes.toString());
    }

    /** The pages' policy allows no inline script or style: any in the markup would be refused, and the page broken. */
    @ParameterizedTest
    @ValueSource(strings = {"admin.html", "index.html", "signin.html"})
    void pageHoldsNoInlineScriptStyleOrHandler(String name) throws IOException {
        var page = Files.readString(SCRIPT.resolveSibling(name));
        var scripts = Pattern.compile("<script\\b[^>]*>").matcher(page).results().map(MatchResult::group).toList();
        assertFalse(scripts.isEmpty(), "the page has its script");
        assertTrue(scripts.stream().allMatch(tag -> tag.contains(" src=\"/")), scripts.toString());
        assertFalse(page.contains("<style"), "<style");
        assertFalse(Pattern.compile("\\sstyle=").matcher(page).find(), "style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(page).find(), "event handler attribute");
    }

    /** The login page is served at /authorize and /logout: its assets must not depend on the folder of its address. */
    @Test
    void loginPageLinksItsAssetsFromTheRoot() throws IOException {
        var page = Files.readString(SCRIPT.resolveSibling("signin.html"));
        var links = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page).results().map(link -> link.group(1))
                .toList();
        assertFalse(links.isEmpty());
        assertTrue(links.stream().allMatch(link -> link.startsWith("/") && !link.startsWith("//")), links.toString());
    }

    static String script() throws IOException {
        return Files.readString(SCRIPT);
    }

    static boolean textConstant(Field field) {
        return Modifier.isStatic(field.getModifiers()) && field.getType() == String.class;
    }

    static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
