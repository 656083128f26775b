package torii.testing.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run sent and got, counted by label (operation, caller, mutation, answer): printed at the end of the run and
 * written beside its report, so that a run shows which operations, callers, mutations and answers it covered.
 */
public final class Tally {

    private final String run;
    private final Map<String, Map<String, Integer>> labels = new LinkedHashMap<>();

    /** The labels in the order they are printed. */
    public Tally(String run, String... labels) {
        this.run = run;
        for (var label : labels) {
            this.labels.put(label, new TreeMap<>());
        }
    }

    public void count(String label, Object value) {
        labels.computeIfAbsent(label, ignored -> new TreeMap<>()).merge(String.valueOf(value), 1, Integer::sum);
    }

    /** Each label's values, most frequent first, with their counts and shares. */
    @Override
    public String toString() {
        var text = new StringBuilder();
        labels.forEach((label, values) -> {
            var total = Math.max(1, values.values().stream().mapToInt(Integer::intValue).sum());
            text.append('[').append(run).append("] ").append(label).append(" (").append(total).append(")\n");
            values.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(entry -> text.append(String.format("    %-70s %5.1f %% (%d)%n", entry.getKey(),
                            100.0 * entry.getValue() / total, entry.getValue())));
        });
        return text.toString();
    }

    /** Prints it and writes it to statistics.txt in the folder. */
    public void report(Path folder) {
        var text = toString();
        System.out.print(text);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("statistics.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
