/**
 * Errors: the one JSON shape every failure is answered in, from the API and from the servlet container alike.
 */
package torii.errors;
