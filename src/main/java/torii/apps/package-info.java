/**
 * Applications: the registry of LLM applications (an id, a name, a description and a backend), the grants that give
 * them to users directly or through a group, and the question every other part asks: may this caller use that
 * application now. What was found usable is remembered only until a change to applications or grants commits (on
 * every instance), so revoking a grant takes effect on tokens already issued.
 */
package torii.apps;
