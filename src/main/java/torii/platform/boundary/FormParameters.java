package torii.platform.boundary;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import torii.platform.control.Printable;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;

/**
 * Forms read as they arrived and checked here, for the OAuth 2.0 endpoints: every parameter given once (RFC 6749
 * section 3.2), with a value (a name alone, as in {@code username&password}, is no parameter a client meant to send),
 * and without control characters (RFC 6749 appendix A: usernames and passwords are UNICODECHARNOCRLF, which allows
 * only the tab; the others are printable ASCII). Refused before anything is looked up or recorded, as some databases
 * cannot store a NUL at all.
 */
public interface FormParameters {

    /** The form, never null; 400 naming the first parameter, in alphabetical order, that breaks a rule. */
    static MultivaluedMap<String, String> checked(MultivaluedMap<String, String> form) {
        if (form == null) {
            // A POST without a body reaches here with no form at all.
            return new MultivaluedHashMap<>();
        }
        firstBreaking(form, values -> values.size() > 1, "must not be repeated");
        firstBreaking(form, values -> values.stream().anyMatch(Objects::isNull), "must have a value");
        firstBreaking(form, values -> values.stream().anyMatch(FormParameters::hasControlCharacter),
                "must not contain control characters");
        return form;
    }

    static void firstBreaking(MultivaluedMap<String, String> form, Predicate<List<String>> breaks, String rule) {
        form.entrySet().stream().filter(parameter -> breaks.test(parameter.getValue())).map(Map.Entry::getKey)
                .sorted().findFirst().ifPresent(name -> {
                    throw invalid("Parameter " + Printable.of(name) + " " + rule);
                });
    }

    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }

    /** The parameter's value; 400 when it is missing or empty. */
    static String required(MultivaluedMap<String, String> form, String name) {
        return required(name, form.getFirst(name));
    }

    /** The value of the parameter so named; 400 when it is missing or empty. */
    static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid("Missing parameter: " + name);
        }
        return value;
    }

    static Refusal invalid(String description) {
        return Refusal.oauth(Kind.INVALID, "invalid_request", description);
    }
}
