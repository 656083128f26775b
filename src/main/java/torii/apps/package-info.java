/**
 * Applications: the registry of LLM applications (an id, a name, a description and a backend), the grants that give
 * them to users directly or through a group, and the question every other part asks: may this caller use that
 * application now. Grants are read at each request, so revoking one takes effect on tokens already issued.
 */
package torii.apps;
