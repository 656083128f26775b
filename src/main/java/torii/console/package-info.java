/**
 * Console: the administrators' page at {@code /admin}, plain files from the WAR that sign in at {@code /token} with the
 * {@code admin} scope and call the public admin API ({@code /admin/users}, {@code /admin/apps}, {@code /admin/usage},
 * {@code /admin/audit}, {@code /admin/keys}, {@code /admin/clients}, {@code /admin/api-keys}) like any other client;
 * anyone else who opens it is told it is for administrators and shown nothing.
 */
package torii.console;
