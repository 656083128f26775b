package torii.testing.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The few ways of combining QuickTheories generators that the plans need and its DSL spells out only in part: a choice
 * among values or generators, weighted or not, a list of generators drawn in order, strings over an alphabet, and a
 * filter that retries within one draw instead of counting each miss against the whole run.
 */
public final class Gens {

    /** Draws of a filtered generator before it gives up: each filter here keeps most of what it sees. */
    static final int TRIES = 200;

    private Gens() {
    }

    /** One of the values, each as likely. */
    public static <T> Gen<T> of(List<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("Nothing to choose from");
        }
        var copy = List.<T>copyOf(values);
        return Generate.pick(copy);
    }

    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    public static <T> Gen<T> just(T value) {
        return Generate.constant(value);
    }

    /** A value of one of the generators, each chosen as often as the others. */
    public static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        return of(gens).flatMap(gen -> gen);
    }

    /** A value of one of the generators, each chosen in proportion to its weight. */
    public static <T> Gen<T> frequency(List<Pair<Integer, Gen<T>>> weighted) {
        return Generate.frequency(weighted);
    }

    public static <T> Pair<Integer, Gen<T>> weight(int weight, Gen<T> gen) {
        return Pair.of(weight, gen);
    }

    /** One value of each generator, in their order. */
    public static <T> Gen<List<T>> sequence(List<? extends Gen<? extends T>> gens) {
        var copy = List.copyOf(gens);
        return in -> {
            var values = new ArrayList<T>(copy.size());
            for (var gen : copy) {
                values.add(gen.generate(in));
            }
            return values;
        };
    }

    /** So many values of the generator. */
    public static <T> Gen<List<T>> listOf(Gen<T> gen, int size) {
        return sequence(java.util.Collections.nCopies(size, gen));
    }

    /** Up to {@code max} values of the generator. */
    public static <T> Gen<List<T>> upTo(Gen<T> gen, int max) {
        return Generate.range(0, max).flatMap(size -> listOf(gen, size));
    }

    /** Text of the alphabet's characters, of a length from min to max. */
    public static Gen<String> strings(String alphabet, int min, int max) {
        var letters = alphabet.chars().mapToObj(c -> (char) c).toList();
        return Generate.range(min, max).flatMap(length -> listOf(of(letters), length))
                .map(characters -> characters.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /**
     * The generator's values that pass the filter, drawn again within the same example until one does. QuickTheories'
     * own {@code assuming} ends the whole run after ten misses; a miss here costs only a draw.
     */
    public static <T> Gen<T> filtered(Gen<T> gen, Predicate<? super T> keep, String what) {
        return in -> {
            for (int i = 0; i < TRIES; i++) {
                var value = gen.generate(in);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("No value " + what + " in " + TRIES + " draws");
        };
    }
}
