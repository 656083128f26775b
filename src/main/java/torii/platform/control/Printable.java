package torii.platform.control;

/** Text from a request as an answer may quote it: anything can arrive, control characters and megabytes among them. */
public interface Printable {

    /** The first 64 characters, control characters shown as {@code ?}, and an ellipsis when there was more. */
    static String of(String text) {
        var shown = text.codePoints().limit(64).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 64 ? shown + "…" : shown;
    }
}
