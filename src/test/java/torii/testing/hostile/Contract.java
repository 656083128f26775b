package torii.testing.hostile;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jakarta.json.JsonValue;

/**
 * Why the document and the service's stated rules make a request malformed, so that it must be refused: the reasons
 * are few and plain, the ones no reading of the document could accept. A request without one may still be refused;
 * a request with one must never be served.
 */
public final class Contract {

    private Contract() {
    }

    public static List<String> malformed(Draft draft, Request request) {
        var reasons = new ArrayList<String>();
        var operation = draft.operation;
        if (request.framing() == Draft.Framing.TWO_CONTENT_LENGTHS
                || request.framing() == Draft.Framing.CHUNKED_AND_CONTENT_LENGTH) {
            // RFC 9112 section 6.3: the length is ambiguous, and a server must not guess it.
            reasons.add("ambiguous body length: " + request.framing());
        }
        if (request.framing().otherCoding()) {
            // RFC 9112 section 6.1: no coding but chunked is named in the document, and only chunked last ends a body.
            reasons.add("transfer coding other than chunked: " + request.framing());
        }
        repeated(draft.query).forEach(name -> reasons.add("repeated query parameter: " + name));
        for (var field : draft.fields) {
            if (field.where() == Field.Where.QUERY && field.dateLike()) {
                draft.query.stream().filter(pair -> pair.name().equals(field.name()) && pair.wire() != null
                        && !pair.wire().isEmpty()).forEach(pair -> {
                            if (!day(pair.wire())) {
                                reasons.add("no day as YYYY-MM-DD: query parameter " + field.name());
                            }
                        });
            }
        }
        if (!operation.hasBody()) {
            return reasons;
        }
        if (request.bodyLength() > draft.limit()) {
            reasons.add("body over the limit: " + request.bodyLength() + " bytes, the limit " + draft.limit());
        }
        if (request.bodyLength() > 0 && !declared(draft)) {
            reasons.add("undeclared Content-Type: " + draft.contentType + ", the document's " + draft.mediaType);
            return reasons;
        }
        if (draft.formBody()) {
            reasons.addAll(form(draft));
        } else {
            reasons.addAll(json(draft));
        }
        return reasons;
    }

    /**
     * The declared media type, its parameters aside, with no charset but UTF-8 for a form. JSON has no charset
     * parameter (RFC 8259 section 11): a recipient may ignore one.
     */
    static boolean declared(Draft draft) {
        if (draft.contentType == null) {
            return false;
        }
        var parts = draft.contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals(draft.mediaType)) {
            return false;
        }
        for (int i = 1; i < parts.length && draft.formBody(); i++) {
            var parameter = parts[i].trim();
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** The rules of RFC 6749 that the service states for its forms: sections 3.2 and 5.2, and appendix A. */
    static List<String> form(Draft draft) {
        var reasons = new ArrayList<String>();
        repeated(draft.form).forEach(name -> reasons.add("repeated form parameter: " + name));
        for (var pair : draft.form) {
            if (pair.wire() == null) {
                continue;
            }
            var bytes = Wire.decode(pair.wire(), true);
            if (bytes == null) {
                reasons.add("broken percent escape in a form: " + pair.name());
            } else if (Wire.hasControlCharacter(bytes)) {
                reasons.add("control character in a form: " + pair.name());
            }
        }
        for (var field : draft.fields.stream().filter(field -> field.where() == Field.Where.FORM).toList()) {
            var given = draft.form.stream().filter(pair -> pair.name().equals(field.name())).findFirst();
            if (field.required() && given.map(pair -> pair.wire() == null || pair.wire().isEmpty()).orElse(true)) {
                reasons.add("required form parameter missing: " + field.name());
            }
        }
        return reasons;
    }

    static List<String> json(Draft draft) {
        var reasons = new ArrayList<String>();
        if (draft.shape != Draft.Shape.ONE_OBJECT) {
            reasons.add("not one JSON object: " + draft.shape);
        }
        for (var member : draft.json) {
            if (member.value() == null) {
                reasons.add("not JSON: member " + member.name());
            }
        }
        for (var field : draft.fields.stream().filter(field -> field.where() == Field.Where.JSON).toList()) {
            var member = draft.json.stream().filter(given -> given.name().equals(field.name())).findFirst();
            if (member.isEmpty() || member.get().value() == JsonValue.NULL) {
                if (field.required()) {
                    reasons.add("required member missing: " + field.name() + (member.isEmpty() ? "" : " is null"));
                }
                continue;
            }
            if (member.get().value() != null) {
                Schemas.violations(field.schema(), member.get().value()).forEach(violation -> reasons.add(
                        (violation.startsWith(Schemas.WRONG_TYPE) ? "wrong JSON type" : "breaks the schema")
                                + ": member " + field.name() + " " + violation));
            }
        }
        return reasons;
    }

    static Set<String> repeated(List<Draft.Pair> pairs) {
        var seen = new HashSet<String>();
        var repeated = new java.util.TreeSet<String>();
        pairs.forEach(pair -> {
            if (!seen.add(pair.name())) {
                repeated.add(pair.name());
            }
        });
        return repeated;
    }

    /** A real day written as YYYY-MM-DD, which is what the document asks for. */
    static boolean day(String wire) {
        var bytes = Wire.decode(wire, true);
        if (bytes == null) {
            return false;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
