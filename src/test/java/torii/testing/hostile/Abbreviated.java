package torii.testing.hostile;

/** Long text shortened for a report: runs of one character counted, bytes outside printable ASCII as \xNN. */
public final class Abbreviated {

    private Abbreviated() {
    }

    public static String of(String text, int max) {
        var out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; ) {
            var c = text.charAt(i);
            int run = 1;
            while (i + run < text.length() && text.charAt(i + run) == c) {
                run++;
            }
            var shown = c >= 0x20 && c < 0x7f ? String.valueOf(c) : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                    : String.format("\\x%02x", (int) c);
            if (run > 16) {
                out.append(shown).append("×").append(run);
            } else {
                out.append(shown.repeat(run));
            }
            i += run;
        }
        return out.length() >= max ? out.substring(0, max) + "… (" + text.length() + " characters)" : out.toString();
    }
}
