// The sign-in of this service's own pages (the chat page and the admin console): the tokens of the password grant,
// kept in this tab only (memory and sessionStorage, so that a reload keeps the session and closing the tab forgets
// it), refreshed before they expire, one refresh at a time, and revoked at sign-out.

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

/** The tokens of one signed-in user in this tab, as the public client of the given id. */
export class Session {
    #clientId;
    #storageKey;
    #onExpired;
    #kept = null;
    #timer = 0;
    #refreshing = null;

    /** onExpired is called when a scheduled refresh finds the session ended. */
    constructor(clientId, storageKey, onExpired) {
        this.#clientId = clientId;
        this.#storageKey = storageKey;
        this.#onExpired = onExpired;
    }

    get active() {
        return this.#kept !== null;
    }

    get username() {
        return this.#kept?.username;
    }

    /** Signs in with the password grant, asking for the scope if one is given; the token endpoint's answer. */
    async signIn(username, password, scope) {
        const form = {grant_type: "password", username, password, client_id: this.#clientId};
        const tokens = await post("/token", scope ? {...form, scope} : form);
        this.forget();
        this.#keep(tokens, username);
        return tokens;
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
        if (refreshToken) {
            await post("/revoke", {token: refreshToken, token_type_hint: "refresh_token", client_id: this.#clientId});
        }
    }

    /** Signs out as {@link signOut} does; what to tell the user: whether the service could be told. */
    async signOutSaying() {
        try {
            await this.signOut();
            return "You have signed out.";
        } catch {
            return "You have signed out of this page, but the service could not be told; your session ends on its own.";
        }
    }

    #keep(tokens, username) {
        const lifetime = tokens.expires_in * 1000;
        this.#kept = {accessToken: tokens.access_token, refreshToken: tokens.refresh_token, username,
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
                        this.#keep(tokens, started.username);
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
