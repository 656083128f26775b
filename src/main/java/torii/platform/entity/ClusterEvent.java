package torii.platform.entity;

import java.io.Serializable;

/**
 * A CDI event that every instance of a cluster must see: once the transaction that fired it commits, the other
 * instances fire it too, so their observers forget what the change made stale. Keep such events small records.
 */
public interface ClusterEvent extends Serializable {
}
