package torii.gateway.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.UUID;

/**
 * The requests of one user to one application in one minute, for the rate limit. A request is let in by an UPDATE
 * that adds one only while the count is under the limit, so that instances admitting at the same time never let in
 * more than the limit between them.
 */
@Entity
@Table(name = "gateway_windows",
        uniqueConstraints = @UniqueConstraint(columnNames = {"username", "app_id", "window_start"}))
@NamedQuery(name = RequestWindow.ADMIT, query = "UPDATE RequestWindow w SET w.requests = w.requests + 1 "
        + "WHERE w.username = :user AND w.appId = :app AND w.start = :start AND w.requests < :limit")
@NamedQuery(name = RequestWindow.FIND, query = "SELECT w.requests FROM RequestWindow w "
        + "WHERE w.username = :user AND w.appId = :app AND w.start = :start")
@NamedQuery(name = RequestWindow.FORGET, query = "DELETE FROM RequestWindow w WHERE w.start < :before")
@NamedQuery(name = RequestWindow.DELETE_OF_USER, query = "DELETE FROM RequestWindow w WHERE w.username = :user")
@NamedQuery(name = RequestWindow.DELETE_OF_APP, query = "DELETE FROM RequestWindow w WHERE w.appId = :app")
public class RequestWindow {

    public static final String ADMIT = "RequestWindow.admit";
    public static final String FIND = "RequestWindow.find";
    public static final String FORGET = "RequestWindow.forget";
    public static final String DELETE_OF_USER = "RequestWindow.deleteOfUser";
    public static final String DELETE_OF_APP = "RequestWindow.deleteOfApp";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "app_id", nullable = false, length = 32)
    private String appId;

    /** The minute, as minutes since the epoch. */
    @Column(name = "window_start", nullable = false)
    private long start;

    @Column(nullable = false)
    private int requests;

    protected RequestWindow() {
    }

    /** A window with its first request. */
    public RequestWindow(String username, String appId, long start) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.appId = appId;
        this.start = start;
        this.requests = 1;
    }
}
