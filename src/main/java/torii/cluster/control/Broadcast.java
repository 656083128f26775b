package torii.cluster.control;

/** Where the events of this instance go to reach the others. */
public interface Broadcast {

    /** No other instance to tell. */
    Broadcast LOCAL = new Broadcast() {
        @Override
        public void publish(byte[] event) {
        }

        @Override
        public boolean usable() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    void publish(byte[] event);

    /** Whether the other instances can be reached now. */
    boolean usable();

    void close();
}
