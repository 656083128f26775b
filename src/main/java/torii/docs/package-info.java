/**
 * Interactive docs: Swagger UI at {@code /docs}, served from its webjar over the MicroProfile OpenAPI document.
 */
package torii.docs;
