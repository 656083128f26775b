package torii.apps.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import torii.apps.control.Upstreams;
import torii.apps.entity.App;
import torii.apps.entity.Backend;
import torii.apps.entity.Grant;
import torii.apps.entity.Grantee;
import torii.apps.entity.Limits;
import torii.clients.boundary.Clients;
import torii.platform.control.Refusal.Kind;
import torii.platform.control.Refusal;
import torii.platform.entity.AppRemoved;
import torii.platform.entity.AppsChanged;
import torii.platform.entity.AuditEvent;
import torii.platform.entity.ClientRemoved;
import torii.platform.entity.UserRemoved;
import torii.users.boundary.Users;

/** The application registry and its grants. */
@Stateless
public class Apps {

    // No role is ever named so: it stands in for "no groups", since an empty IN list is not portable JPQL.
    private static final String NO_GROUP = " ";

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Clients clients;

    @Inject
    Upstreams upstreams;

    @Inject
    Event<AuditEvent> audit;

    @Inject
    Event<AppRemoved> removed;

    @Inject
    Event<AppsChanged> changed;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<App> all() {
        return em.createNamedQuery(App.ALL, App.class).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public App find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(App.class, id)).orElseThrow(Apps::unknownApp);
    }

    public App create(App app) {
        if (em.find(App.class, app.id()) != null) {
            throw new Refusal(Kind.CONFLICT, null, "An application with this id exists", null);
        }
        checkUpstream(app);
        em.persist(app);
        record(AuditEvent.APP_CREATE, null, "application " + app.id());
        return app;
    }

    /** A demo application, unless one of its id exists; true if made. */
    public boolean createDemo(App app) {
        if (em.find(App.class, app.id()) != null) {
            return false;
        }
        create(app.markDemo());
        return true;
    }

    /**
     * Deletes the demo applications: those made by demo mode, and echo applications of a demo id made before
     * applications were marked. Returns their ids.
     */
    public List<String> deleteDemo(List<String> ids) {
        return ids.stream().filter(id -> {
            var app = em.find(App.class, id);
            if (app == null || !(app.demo() || app.backend() == Backend.ECHO)) {
                return false;
            }
            delete(id);
            return true;
        }).toList();
    }

    public App update(String id, AppForm form) {
        record(AuditEvent.APP_UPDATE, null, "application " + id);
        return checkUpstream(form.describe(managed(id)));
    }

    /** An administrator may point an application only where its key belongs, and never inside the network. */
    App checkUpstream(App app) {
        if (app.backend().remote()) {
            upstreams.checkStored(app.id(), app.baseUrl());
        }
        return app;
    }

    /** The application goes, and every grant of it with it. */
    public void delete(String id) {
        em.remove(managed(id));
        em.createNamedQuery(Grant.DELETE_OF_APP).setParameter("app", id).executeUpdate();
        removed.fire(new AppRemoved(id));
        record(AuditEvent.APP_DELETE, null, "application " + id);
    }

    public Grant grant(String appId, Grantee kind, String grantee, Limits limits) {
        managed(appId);
        if (kind == Grantee.USER && users.find(grantee).isEmpty()) {
            throw new Refusal(Kind.NOT_FOUND, null, "User not found", null);
        }
        if (kind == Grantee.CLIENT && clients.find(grantee).filter(client -> client.confidential()).isEmpty()) {
            throw new Refusal(Kind.NOT_FOUND, null, "Confidential client not found", null);
        }
        if (existing(appId, kind, grantee).isPresent()) {
            throw new Refusal(Kind.CONFLICT, null, "The application is already granted to this " + kind.name().toLowerCase(),
                    null);
        }
        var grant = new Grant(appId, kind, grantee).limits(limits);
        em.persist(grant);
        record(AuditEvent.GRANT, kind, grantee, appId);
        return grant;
    }

    /** A grant made unless it exists, in one transaction; for what sets itself up at start. */
    public void grantUnlessGranted(String appId, Grantee kind, String grantee) {
        if (existing(appId, kind, grantee).isEmpty()) {
            grant(appId, kind, grantee, Limits.NONE);
        }
    }

    /** New limits for an existing grant; they hold from the grantee's next request. */
    public Grant limit(String appId, Grantee kind, String grantee, Limits limits) {
        managed(appId);
        var grant = existing(appId, kind, grantee)
                .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "No such grant", null)).limits(limits);
        record(AuditEvent.GRANT_LIMITS, kind, grantee, appId);
        return grant;
    }

    /** Takes effect on the grantee's next request, whatever tokens they hold. */
    public void revoke(String appId, Grantee kind, String grantee) {
        managed(appId);
        em.remove(existing(appId, kind, grantee)
                .orElseThrow(() -> new Refusal(Kind.NOT_FOUND, null, "No such grant", null)));
        record(AuditEvent.GRANT_REVOKE, kind, grantee, appId);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Grant> holders(String appId) {
        find(appId);
        return em.createNamedQuery(Grant.OF_APP, Grant.class).setParameter("app", appId).getResultList();
    }

    /**
     * The applications granted to the caller (a user or a client, by name) directly or to any of the groups, in one
     * query.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<App> usableBy(Grantee kind, String name, Set<String> groups) {
        return granted(em.createNamedQuery(App.USABLE, App.class), kind, name, groups).getResultList();
    }

    /**
     * The grants by which the user holds applications now, directly or through one of their groups, with the
     * applications' names; 404 for an unknown user.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UserApp> heldBy(String username) {
        var user = users.find(username).orElseThrow(Users::unknownUser);
        return granted(em.createNamedQuery(Grant.REACHING, Grant.class), Grantee.USER, username, user.roles())
                .getResultList().stream()
                .map(grant -> new UserApp(grant.appId(), Optional.ofNullable(em.find(App.class, grant.appId()))
                        .map(App::name).orElse(grant.appId()), grant.kind() == Grantee.USER ? "user"
                        : "group:" + grant.grantee()))
                .toList();
    }

    /**
     * The application and the limits of its use, if the caller may use it now, directly or through a group
     * ({@link UsableApps} remembers the answer): the caller's own grant's limits where there is one, else the most
     * generous of its groups'.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Access> usable(Grantee kind, String name, Set<String> groups, String appId) {
        var holding = granted(em.createNamedQuery(Grant.HOLDING, Grant.class), kind, name, groups)
                .setParameter("app", appId).getResultList();
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        var own = holding.stream().filter(grant -> grant.kind() == kind).findFirst();
        var limits = own.map(Grant::limits)
                .orElseGet(() -> Limits.mostGenerous(holding.stream().map(Grant::limits).toList()));
        return Optional.ofNullable(em.find(App.class, appId)).map(app -> new Access(app, limits));
    }

    static <T> TypedQuery<T> granted(TypedQuery<T> query, Grantee kind, String name, Set<String> groups) {
        var names = new HashSet<>(groups);
        names.add(NO_GROUP);
        return query.setParameter("kind", kind).setParameter("caller", name).setParameter("groups", names);
    }

    /** A removed user's direct grants go with the user, in the same transaction. */
    public void forget(@Observes UserRemoved removed) {
        forget(Grantee.USER, removed.username());
    }

    /** A removed client's grants go with the client, in the same transaction. */
    public void forget(@Observes ClientRemoved removed) {
        forget(Grantee.CLIENT, removed.clientId());
    }

    void forget(Grantee kind, String grantee) {
        em.createNamedQuery(Grant.DELETE_OF).setParameter("kind", kind).setParameter("grantee", grantee)
                .executeUpdate();
        changed.fire(new AppsChanged());
    }

    /** A grant names its user as the event's user, a group or a client in the detail. */
    void record(String action, Grantee kind, String grantee, String appId) {
        var toUser = kind == Grantee.USER;
        record(action, toUser ? grantee : null, "application " + appId
                + (toUser ? "" : " to " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + grantee));
    }

    /** Every change passes here: it is audited, and what was remembered of who may use what is forgotten. */
    void record(String action, String username, String detail) {
        changed.fire(new AppsChanged());
        audit.fire(new AuditEvent(action, username, null, AuditEvent.SUCCESS, detail));
    }

    Optional<Grant> existing(String appId, Grantee kind, String grantee) {
        return em.createNamedQuery(Grant.FIND, Grant.class).setParameter("app", appId).setParameter("kind", kind)
                .setParameter("grantee", grantee).getResultStream().findFirst();
    }

    App managed(String id) {
        return Optional.ofNullable(em.find(App.class, id)).orElseThrow(Apps::unknownApp);
    }

    static Refusal unknownApp() {
        return new Refusal(Kind.NOT_FOUND, null, "Application not found", null);
    }
}
