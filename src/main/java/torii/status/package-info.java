/**
 * Status: a public probe through the same JAX-RS stack as the API.
 */
package torii.status;
