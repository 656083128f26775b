package torii.platform.entity;

/**
 * Something worth recording, fired as a CDI event by any capability. {@code detail} is free text for a human; it must
 * never hold a password or a token. Any field but {@code action} and {@code outcome} may be null.
 */
public record AuditEvent(String action, String username, String clientAddress, String outcome, String detail) {

    public static final String LOGIN = "login";
    public static final String PASSWORD_CHANGE = "password_change";
    public static final String USER_CREATE = "user_create";
    public static final String USER_DISABLE = "user_disable";
    public static final String USER_ENABLE = "user_enable";
    public static final String USER_UPDATE = "user_update";
    public static final String USER_DELETE = "user_delete";
    public static final String ROLES_CHANGE = "roles_change";
    public static final String APP_CREATE = "app_create";
    public static final String APP_UPDATE = "app_update";
    public static final String APP_DELETE = "app_delete";
    public static final String GRANT = "grant";
    public static final String GRANT_REVOKE = "grant_revoke";
    public static final String GRANT_LIMITS = "grant_limits";
    public static final String TOKEN_REFRESH = "token_refresh";
    public static final String TOKEN_REVOKE = "token_revoke";
    public static final String SESSION_END = "session_end";
    public static final String CODE_REDEEM = "code_redeem";
    public static final String LOGOUT = "logout";
    public static final String KEY_ROTATE = "key_rotate";
    public static final String CLIENT_TOKEN = "client_token";
    public static final String CLIENT_CREATE = "client_create";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String CLIENT_UPDATE = "client_update";
    public static final String CLIENT_DISABLE = "client_disable";
    public static final String CLIENT_ENABLE = "client_enable";
    public static final String CLIENT_DELETE = "client_delete";
    public static final String API_KEY_CREATE = "api_key_create";
    public static final String API_KEY_DELETE = "api_key_delete";

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String THROTTLED = "throttled";

    /**
     * Whether any caller can cause this event as often as they like, without a password or with one they may repeat:
     * every failure, and logins, refreshes, clients' own tokens and revocations. Such events are counted per minute
     * (see AuditCounter), so that a loop of requests cannot grow the trail without bound; changes made by
     * administrators are kept one by one.
     */
    public boolean countable() {
        return !SUCCESS.equals(outcome) || action.equals(LOGIN) || action.equals(TOKEN_REFRESH)
                || action.equals(CLIENT_TOKEN) || action.equals(TOKEN_REVOKE);
    }
}
