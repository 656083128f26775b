/**
 * Audit trail: what happened to logins and accounts (time, user, client address, outcome; never a password or a
 * token), fired as {@link torii.audit.boundary.AuditEvent} by the other capabilities, kept in the database in a
 * transaction of its own, and read by administrators at {@code GET /admin/audit}.
 */
package torii.audit;
