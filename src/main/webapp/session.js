// The sign-in of this service's own pages (the chat page and the admin console): the authorization code flow with
// PKCE (RFC 6749 section 4.1, RFC 7636) as a public client, through the login page at /authorize; the tokens kept in
// this tab only (memory and sessionStorage, so that a reload keeps the session and closing the tab forgets it),
// refreshed before they expire, one refresh at a time, and revoked at sign-out, which then ends the login at /logout.

/** Refresh when this share of the access token's lifetime has passed, well before it expires. */
const REFRESH_AT = 0.8;
/** A token this close to its expiry is refreshed before it is used, in case a sleeping tab missed its timer. */
const EXPIRY_MARGIN_MS = 5000;
/** After a refresh that failed for want of an answer, the next try comes this much later. */
const RETRY_MS = 15000;

/** An error answer of the service: status, OAuth or OpenAI error code, description and Retry-After in seconds. */
export class ServiceError extends Error {
    constructor(status, code, description, retryAfter) {
        super(description || `HTTP ${status}`);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }
}

/** The session ended on the server or could not be renewed; the user has to sign in again. */
export class SessionExpired extends Error {
}

/** The error in an answer, whether in the service's own shape or, under /v1, in OpenAI's. */
export async function errorOf(response) {
    const body = await response.json().catch(() => ({}));
    const openAi = body && typeof body.error === "object" && body.error !== null ? body.error : null;
    const code = openAi ? openAi.code ?? openAi.type : body?.error;
    const description = openAi ? openAi.message : body?.error_description ?? body?.detail;
    return new ServiceError(response.status, code, typeof description === "string" ? description : null,
        retryAfter(response));
}

/** Retry-After as seconds, whether it is given as seconds or as an HTTP date. */
function retryAfter(response) {
    const value = response.headers.get("Retry-After");
    if (!value) {
        return null;
    }
    const seconds = /^\d+$/.test(value.trim()) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
    return Number.isFinite(seconds) ? Math.max(1, seconds) : null;
}

/** A form posted without a token (the token endpoints); its JSON answer, or a ServiceError. */
export async function post(path, form) {
    let response;
    try {
        response = await fetch(path, {method: "POST", body: new URLSearchParams(form), cache: "no-store",
            headers: {Accept: "application/json"}});
    } catch {
        throw new ServiceError(0, "unreachable");
    }
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.json().catch(() => ({}));
}

/** The authorization request failed or was refused: the error code of the redirect and its description. */
export class SignInFailed extends Error {
    constructor(code, description) {
        super(description || code);
        this.code = code;
    }
}

/**
 * What to tell the user of a sign-in that came back with an error or whose code could not be exchanged, as both pages
 * say it; null for a failure that is not the sign-in's own (the service out of reach, say).
 */
export function signInTrouble(error) {
    if (error instanceof SignInFailed) {
        switch (error.code) {
            case "access_denied":
                return "Signing in was refused.";
            case "insecure_context":
                return error.message;
            case "invalid_state":
            case "invalid_nonce":
                return "Signing in was interrupted. Try again.";
            default:
                return `Signing in failed (${error.message}). Try again later.`;
        }
    }
    // The code of the login page is spent or too old: a new sign-in gets a new one.
    return error.status === 400 && error.code === "invalid_grant" ? "Signing in took too long. Try again." : null;
}

/** The tokens of one signed-in user in this tab, as the public client of the given id. */
export class Session {
    #clientId;
    #storageKey;
    #onExpired;
    #redirectUri;
    #kept = null;
    #timer = 0;
    #refreshing = null;

    /**
     * onExpired is called when a scheduled refresh finds the session ended; redirectUri is this page's address
     * registered for the client, where the login page sends the browser back to.
     */
    constructor(clientId, storageKey, onExpired, redirectUri) {
        this.#clientId = clientId;
        this.#storageKey = storageKey;
        this.#onExpired = onExpired;
        this.#redirectUri = redirectUri;
    }

    get active() {
        return this.#kept !== null;
    }

    get username() {
        return this.#kept?.username;
    }

    /** The scope the tokens were granted, as the token endpoint said it. */
    get scope() {
        return this.#kept?.scope ?? "";
    }

    /**
     * Leaves the page for the login page with an authorization request for the scope (all the user may have when it
     * is empty), remembering in this tab what the answer is checked against; {@link completeSignIn} takes it up when
     * the browser comes back. prompt "login" asks for the password even while the browser is signed in to Torii.
     */
    async signIn(scope, {prompt} = {}) {
        if (!crypto.subtle) {
            throw new SignInFailed("insecure_context",
                "Signing in needs a secure connection: open this page with https.");
        }
        const verifier = randomText(48);
        const pending = {state: randomText(16), nonce: randomText(16), verifier, redirectUri: this.#redirectUri};
        const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256",
            new TextEncoder().encode(verifier))));
        sessionStorage.setItem(this.#pendingKey, JSON.stringify(pending));
        const query = new URLSearchParams({response_type: "code", client_id: this.#clientId,
            redirect_uri: this.#redirectUri, state: pending.state, code_challenge: challenge,
            code_challenge_method: "S256", nonce: pending.nonce});
        if (scope) {
            query.set("scope", scope);
        }
        if (prompt) {
            query.set("prompt", prompt);
        }
        location.assign(`/authorize?${query}`);
    }

    /**
     * The end of a sign-in, when the login page has sent the browser back here: false when this address carries no
     * answer to this tab's request; true once the code is exchanged for tokens; a SignInFailed when the answer is an
     * error or not the answer to this tab's request, a ServiceError when the exchange fails. The answer's parameters
     * leave the address bar and the history either way, so that a reload does not replay them.
     */
    async completeSignIn() {
        const answer = new URLSearchParams(location.search);
        if (!answer.has("code") && !answer.has("error")) {
            return false;
        }
        const pending = this.#takePending();
        history.replaceState(history.state, "", location.pathname + location.hash);
        if (!pending) {
            // No request of this tab is waiting: Back to the login page, which sends a signed-in browser straight
            // here again with a code nobody asked for. It is left unused.
            return false;
        }
        if (answer.get("state") !== pending.state) {
            throw new SignInFailed("invalid_state", "The answer of the login page was not for this page.");
        }
        if (answer.has("error")) {
            throw new SignInFailed(answer.get("error"), answer.get("error_description"));
        }
        const tokens = await post("/token", {grant_type: "authorization_code", code: answer.get("code"),
            redirect_uri: pending.redirectUri, client_id: this.#clientId, code_verifier: pending.verifier});
        const identity = tokens.id_token ? claimsOf(tokens.id_token) : null;
        if (tokens.id_token && (identity?.nonce !== pending.nonce || !audienceHolds(identity, this.#clientId))) {
            // Not the answer to this tab's request: the tokens are not kept, and their session is ended.
            await this.#revoke(tokens.refresh_token).catch(() => {});
            throw new SignInFailed("invalid_nonce", "The answer of the login page was not for this page.");
        }
        this.forget();
        // The access token names the user as the API knows them (its sub is the username).
        this.#keep(tokens, claimsOf(tokens.access_token)?.sub ?? identity?.sub);
        return true;
    }

    /** The sign-out this tab asked for, once /logout has sent the browser back: whether this address is its answer. */
    completeSignOut() {
        const key = `${this.#storageKey}.signed-out`;
        const expected = sessionStorage.getItem(key);
        const answer = new URLSearchParams(location.search);
        if (!expected || !answer.has("state")) {
            return false;
        }
        sessionStorage.removeItem(key);
        history.replaceState(history.state, "", location.pathname + location.hash);
        return answer.get("state") === expected;
    }

    /** The session this tab kept before a reload, if there is one. */
    restore() {
        try {
            const kept = JSON.parse(sessionStorage.getItem(this.#storageKey));
            if (kept?.refreshToken) {
                this.#kept = kept;
                this.#schedule();
                return true;
            }
        } catch {
            sessionStorage.removeItem(this.#storageKey);
        }
        return false;
    }

    forget() {
        clearTimeout(this.#timer);
        this.#kept = null;
        sessionStorage.removeItem(this.#storageKey);
    }

    /** Ends the session on the server, so that a stolen refresh token dies with it, then forgets it here. */
    async signOut() {
        const refreshToken = this.#kept?.refreshToken;
        this.forget();
        await this.#revoke(refreshToken);
    }

    /**
     * Signs out as {@link signOut} does, then ends the login of this browser at /logout, which sends it back to this
     * page (at once when the ID token names the user, after asking otherwise); {@link completeSignOut} then says so.
     * When the service cannot be reached the page stays: the answer is what to tell the user.
     */
    async signOutEverywhere() {
        const idToken = this.#kept?.idToken;
        try {
            await this.signOut();
        } catch (error) {
            if (error.status === 0) {
                return "You have signed out of this page, but the service could not be told; your session ends on its"
                    + " own.";
            }
        }
        const state = randomText(16);
        sessionStorage.setItem(`${this.#storageKey}.signed-out`, state);
        const query = new URLSearchParams({client_id: this.#clientId, post_logout_redirect_uri: this.#redirectUri,
            state});
        if (idToken) {
            query.set("id_token_hint", idToken);
            location.assign(`/logout?${query}`);
            return null;
        }
        // Without an ID token, a link to /logout would ask the user first; this page is of the service's own origin,
        // so it confirms in the logout page's place, as the user has just asked to sign out here.
        try {
            const response = await fetch("/logout", {method: "POST", cache: "no-store",
                headers: {"Content-Type": "application/json", "Accept": "application/json"},
                body: JSON.stringify({query: query.toString()})});
            const next = response.ok ? await response.json() : null;
            location.assign(typeof next?.redirect_to === "string" && next.redirect_to.startsWith(location.origin + "/")
                ? next.redirect_to : `/logout?${query}`);
        } catch {
            location.assign(`/logout?${query}`);
        }
        return null;
    }

    get #pendingKey() {
        return `${this.#storageKey}.pending`;
    }

    /** The request this tab sent to the login page; it is used once. */
    #takePending() {
        try {
            return JSON.parse(sessionStorage.getItem(this.#pendingKey));
        } catch {
            return null;
        } finally {
            sessionStorage.removeItem(this.#pendingKey);
        }
    }

    async #revoke(refreshToken) {
        if (refreshToken) {
            await post("/revoke", {token: refreshToken, token_type_hint: "refresh_token", client_id: this.#clientId});
        }
    }

    /** A refresh may leave the ID token out: the one of the sign-in is kept for the sign-out's hint. */
    #keep(tokens, username, idToken) {
        const lifetime = tokens.expires_in * 1000;
        this.#kept = {accessToken: tokens.access_token, refreshToken: tokens.refresh_token, username,
            idToken: tokens.id_token ?? idToken, scope: tokens.scope ?? this.#kept?.scope,
            expiresAt: Date.now() + lifetime, refreshAt: Date.now() + lifetime * REFRESH_AT};
        sessionStorage.setItem(this.#storageKey, JSON.stringify(this.#kept));
        this.#schedule();
    }

    #schedule() {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#refresh().catch((error) => {
            if (error instanceof SessionExpired) {
                this.#onExpired();
            } else if (this.#kept) {
                // The service is busy or out of reach: try again while the access token still works.
                this.#kept.refreshAt = Math.min(Date.now() + RETRY_MS, this.#kept.expiresAt);
                this.#schedule();
            }
        }), Math.max(0, this.#kept.refreshAt - Date.now()));
    }

    /** One refresh at a time: each refresh token works once, so concurrent callers share the same exchange. */
    #refresh() {
        if (!this.#refreshing) {
            const started = this.#kept;
            this.#refreshing = (async () => {
                if (!started?.refreshToken) {
                    throw new SessionExpired();
                }
                try {
                    const tokens = await post("/token", {grant_type: "refresh_token",
                        refresh_token: started.refreshToken, client_id: this.#clientId});
                    if (this.#kept === started) {
                        this.#keep(tokens, started.username, started.idToken);
                    }
                } catch (error) {
                    throw error.status === 400 || error.status === 401 ? new SessionExpired() : error;
                }
            })().finally(() => {
                this.#refreshing = null;
            });
        }
        return this.#refreshing;
    }

    /** A request with the access token; on a 401 the token is refreshed once and the request sent again. */
    async call(path, options = {}, retried = false) {
        if (!this.#kept) {
            throw new SessionExpired();
        }
        if (Date.now() > this.#kept.expiresAt - EXPIRY_MARGIN_MS) {
            await this.#refresh();
        }
        let response;
        try {
            response = await fetch(path, {...options, cache: "no-store",
                headers: {...options.headers, Authorization: `Bearer ${this.#kept.accessToken}`}});
        } catch (error) {
            throw error.name === "AbortError" ? error : new ServiceError(0, "unreachable");
        }
        if (response.status === 401) {
            if (retried) {
                throw new SessionExpired();
            }
            await this.#refresh();
            return this.call(path, options, true);
        }
        return response;
    }
}

/** Random bytes as base64url text: 48 bytes make the 64 characters of a code verifier (RFC 7636 section 4.1). */
function randomText(bytes) {
    return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The claims of a JWT, read without checking its signature: the token came straight from this origin's token
 * endpoint, and the page only reads who signed in and the nonce it sent; the API checks the tokens it is given.
 */
function claimsOf(jwt) {
    try {
        const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
        const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
        return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
        return null;
    }
}

function audienceHolds(claims, clientId) {
    return Array.isArray(claims.aud) ? claims.aud.includes(clientId) : claims.aud === clientId;
}
