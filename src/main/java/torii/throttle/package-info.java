/**
 * Throttling of password guessing: failed logins are counted per username (whether or not the user exists) and per
 * client address in the database, so that every instance sees them; past a number of free failures each one makes
 * the next attempt wait twice as long, up to a cap, and a quiet spell forgets them.
 */
package torii.throttle;
