package torii.metrics.control;

import jakarta.enterprise.inject.spi.CDI;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters in the application registry of MicroProfile Metrics. Not a CDI bean and the only class that references
 * the API, so that a server without it never loads it.
 */
public final class MicroProfileCounters implements Counters {

    private final MetricRegistry registry;
    private final Map<Metric, Metadata> metadata = new EnumMap<>(Metric.class);

    MicroProfileCounters(MetricRegistry registry) {
        this.registry = registry;
        for (var metric : Metric.values()) {
            metadata.put(metric, Metadata.builder().withName(metric.metricName())
                    .withDescription(metric.description()).build());
        }
    }

    /** The application registry, or {@link Counters#OFF} where the API is there but no implementation offers it. */
    public static Counters create() {
        var registry = CDI.current().select(MetricRegistry.class);
        return registry.isResolvable() ? new MicroProfileCounters(registry.get()) : OFF;
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
        var tags = new Tag[labels.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(labels[2 * i], labels[2 * i + 1]);
        }
        return registry.counter(metadata.get(metric), tags);
    }
}
