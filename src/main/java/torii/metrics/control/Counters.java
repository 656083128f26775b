package torii.metrics.control;

/** Where counts go: the server's metrics registry, or nowhere on a server without one. */
public interface Counters {

    /** Counts nothing. */
    Counters OFF = new Counters() {
        @Override
        public void register(Metric metric, String... labels) {
        }

        @Override
        public void increment(Metric metric, String... labels) {
        }
    };

    /** Makes the counter exist at 0, so that a scrape shows it before its first event. */
    void register(Metric metric, String... labels);

    /** Adds one; labels are name, value, name, value... */
    void increment(Metric metric, String... labels);
}
