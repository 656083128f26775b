/**
 * Health: MicroProfile Health checks that the server serves at /health, /health/ready and /health/live. Ready means
 * the database answers and, where the instance is clustered, the data grid is usable; live means the password-hashing
 * pool still finishes work and no threads are deadlocked, so that a load spike is not mistaken for a wedged instance.
 * Only the checks reference the MicroProfile Health API, and the grid is probed through the cluster capability: on a
 * server without them the checks are simply not there.
 */
package torii.health;
