/**
 * Users: the account entity, password authentication with bcrypt, the caller's own account and items
 * ({@code /users/me}), and the demo users.
 */
package torii.users;
