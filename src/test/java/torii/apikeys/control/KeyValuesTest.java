package torii.apikeys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written check of a key's shape says what the pattern of a key says, for any text. */
class KeyValuesTest {

    static final Pattern SHAPE = Pattern.compile("torii_[A-Za-z0-9_-]{43}");

    @Test
    void madeKeysAreWellFormed() {
        qt().withFixedSeed(20261130L).withExamples(200).forAll(strings().ascii().ofLength(0))
                .check(ignored -> KeyValues.wellFormed(KeyValues.newKey()));
    }

    @Test
    void theCheckAgreesWithThePatternForAnyText() {
        qt().withFixedSeed(20261130L).withExamples(5000)
                // From '-' to 'z': mostly the characters of base64url, with others among them.
                .forAll(strings().betweenCodePoints(0x2D, 0x7A).ofLengthBetween(40, 52))
                .checkAssert(tail -> {
                    var cut = "torii_" + tail.substring(0, Math.min(43, tail.length()));
                    for (var text : new String[] {tail, "torii_" + tail, cut}) {
                        assertEquals(SHAPE.matcher(text).matches(), KeyValues.wellFormed(text), text);
                    }
                });
    }
}
