package torii.apps.boundary;

import torii.apps.entity.App;
import torii.apps.entity.Limits;

/**
 * That a caller may use an application now, and within what: the limits of the caller's own grant where there is one,
 * else the most generous of its groups' grants.
 */
public record Access(App app, Limits limits) {
}
