/**
 * Cluster: tells the other instances of a cluster, over Payara's Hazelcast data grid through the standard JCache API,
 * of changes that per-instance caches must forget ({@link torii.cluster.boundary.ClusterEvent}). The database stays
 * the source of truth; the grid only says "forget this", and each instance reloads what it needs. Without a grid (a
 * server with no JCache provider, Payara Micro with --nocluster) changes reach the instance that made them only.
 */
package torii.cluster;
