/**
 * Metrics: counters of logins by outcome, of tokens issued by grant, and of gateway calls by application and outcome,
 * in the server's MicroProfile Metrics registry (Prometheus text at /metrics). Counted where the outcome is known:
 * logins from the audit events, tokens where they are granted, gateway calls where they are admitted and finished.
 * Labels take only bounded values (outcomes, grants, application ids), never a username. Only
 * {@link torii.metrics.control.MicroProfileCounters} references the MicroProfile Metrics API: on a server without it
 * (WildFly) the counters are off.
 */
package torii.metrics;
