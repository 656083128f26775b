package torii.metrics.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters in the application registry of MicroProfile Metrics. The only class that references the API: on a server
 * without it, CDI skips this class (Weld logs WELD-000119) and no {@link Counters} bean exists.
 */
@ApplicationScoped
public class MicroProfileCounters implements Counters {

    /** The application's registry, which injection without a qualifier gives. */
    @Inject
    MetricRegistry registry;

    private final Map<Metric, Metadata> metadata = new EnumMap<>(Metric.class);

    /**
     * The counters already asked for, by metric and labels: the registry would build and check (with a regular
     * expression) a tag for each label on every call, and the gateway counts every call. Label values come from fixed
     * sets and the ids of existing applications (see the callers in Metrics), so this holds no more entries than the
     * registry itself.
     */
    private final Map<List<Object>, Counter> known = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        for (var metric : Metric.values()) {
            metadata.put(metric, Metadata.builder().withName(metric.metricName())
                    .withDescription(metric.description()).build());
        }
    }

    @Override
    public void register(Metric metric, String... labels) {
        counter(metric, labels);
    }

    @Override
    public void increment(Metric metric, String... labels) {
        counter(metric, labels).inc();
    }

    Counter counter(Metric metric, String... labels) {
        var key = new Object[labels.length + 1];
        key[0] = metric;
        System.arraycopy(labels, 0, key, 1, labels.length);
        var labelled = Arrays.asList(key);
        // A read first: computeIfAbsent may lock its bin even when the counter is there.
        var counter = known.get(labelled);
        return counter != null ? counter : known.computeIfAbsent(labelled, k -> registered(metric, labels));
    }

    private Counter registered(Metric metric, String... labels) {
        var tags = new Tag[labels.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(labels[2 * i], labels[2 * i + 1]);
        }
        return registry.counter(metadata.get(metric), tags);
    }
}
