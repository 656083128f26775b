// The login page, served at /authorize (location.search is the authorization request, handed back untouched with the
// username and password) and at /logout (a sign-out the service wants confirmed). It never reads the request's
// parameters to decide anything: the service does, and answers with where to go next. Whatever the service or the
// query holds is only ever set as text, never as markup.

import {errorOf, ServiceError} from "/session.js";

/** One message for every refused login, so that the page never tells which usernames exist. */
const WRONG_LOGIN = "Wrong username or password.";
const NEW_PASSWORD = "new_password";

const $ = (id) => document.getElementById(id);

/** The authorization request or the sign-out request, as the service sent it to this page. */
const request = location.search.substring(1);

/** The username and password of a login that needs a new password: they are sent again with it. */
let pending = null;

// ---- Messages people read

function duration(seconds) {
    if (seconds == null) {
        return "a moment";
    }
    if (seconds < 90) {
        return seconds === 1 ? "1 second" : `${seconds} seconds`;
    }
    return `${Math.ceil(seconds / 60)} minutes`;
}

/** What to say about a failure that is not about the password itself. */
function trouble(error, doing) {
    switch (error.status) {
        case 0:
            return "The service cannot be reached. Check your connection and try again.";
        case 429:
            return `Too many attempts. Try again in ${duration(error.retryAfter)}.`;
        case 503:
            return `The service is busy. Try again in ${duration(error.retryAfter)}.`;
        default:
            if (error.code === "invalid_request") {
                return "The application that sent you here made a request Torii cannot answer. Go back to it and"
                    + " start again.";
            }
            return `${doing} failed (${error.message}). Try again later.`;
    }
}

/**
 * The service's reasons for refusing a new password ("new_password must be at least 12 characters long"), each
 * about the field by its name, said of the new password instead.
 */
function passwordRules(error) {
    const field = new RegExp(`^${NEW_PASSWORD}:?\\s*`);
    const reasons = (error.message ?? "").split("; ").map((part) => part.trim().replace(field, ""))
        .filter((part) => part).map((part) => part.startsWith("must") ? `The new password ${part}` : part);
    return reasons.length ? `${reasons.join(". ")}.`.replace(/\.\.$/, ".")
        : "This password cannot be used. Choose another.";
}

function show(element, text) {
    element.textContent = text ?? "";
    element.hidden = !text;
}

function showView(name) {
    for (const view of ["sign-in-view", "password-view", "sign-out-view", "signed-out-view"]) {
        $(view).hidden = view !== name;
    }
}

function busy(button, working, label) {
    button.disabled = working;
    button.setAttribute("aria-busy", String(working));
    button.textContent = label;
}

// ---- Talking to the service

/** A JSON request to this origin: the answer's JSON, or a ServiceError. */
async function postJson(path, body) {
    let response;
    try {
        response = await fetch(path, {method: "POST", cache: "no-store", credentials: "same-origin",
            headers: {"Content-Type": "application/json", Accept: "application/json"}, body: JSON.stringify(body)});
    } catch {
        throw new ServiceError(0, "unreachable");
    }
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.json().catch(() => ({}));
}

/** Leaves the page for where the service says the browser goes next: the application, with a code or an error. */
function follow(answer) {
    if (typeof answer?.redirect_to !== "string" || !answer.redirect_to) {
        throw new ServiceError(502, "no_redirect", "the service did not say where to go next");
    }
    location.assign(answer.redirect_to);
}

// ---- Signing in

function showSignIn() {
    showView("sign-in-view");
    const hint = new URLSearchParams(request).get("login_hint");
    if (hint && !$("username").value) {
        $("username").value = hint;
    }
    ($("username").value ? $("password") : $("username")).focus();
}

async function signIn(event) {
    event.preventDefault();
    const username = $("username").value.trim();
    const password = $("password").value;
    if (!username || !password) {
        show($("sign-in-error"), "Enter your username and password.");
        (username ? $("password") : $("username")).focus();
        return;
    }
    const button = $("sign-in-button");
    busy(button, true, "Signing in…");
    show($("sign-in-error"), null);
    try {
        follow(await postJson("/authorize", {query: request, username, password}));
        // The browser is leaving; the button stays disabled so that the login is not sent twice.
        return;
    } catch (error) {
        if (error.status === 403 && error.code === "password_change_required") {
            pending = {username, password};
            $("password").value = "";
            showPasswordChange();
        } else {
            show($("sign-in-error"), error.status === 400 && error.code === "invalid_grant" ? WRONG_LOGIN
                : trouble(error, "Signing in"));
            $("password").select();
            $("password").focus();
        }
    }
    busy(button, false, "Sign in");
}

// ---- A password an administrator set

function showPasswordChange() {
    showView("password-view");
    show($("password-error"), null);
    for (const id of ["new-password", "repeat-password"]) {
        $(id).value = "";
        $(id).removeAttribute("aria-invalid");
    }
    $("new-password").focus();
}

function backToSignIn() {
    pending = null;
    showSignIn();
}

/** The login again, with the new password: the service changes it and, in the same step, lets the user in. */
async function changePassword(event) {
    event.preventDefault();
    const chosen = $("new-password").value;
    const repeated = $("repeat-password").value;
    for (const id of ["new-password", "repeat-password"]) {
        $(id).removeAttribute("aria-invalid");
    }
    if (!chosen) {
        show($("password-error"), "Enter a new password.");
        $("new-password").setAttribute("aria-invalid", "true");
        $("new-password").focus();
        return;
    }
    if (chosen !== repeated) {
        show($("password-error"), "The new passwords differ.");
        $("repeat-password").setAttribute("aria-invalid", "true");
        $("repeat-password").focus();
        return;
    }
    if (!pending) {
        backToSignIn();
        return;
    }
    const button = $("password-button");
    busy(button, true, "Changing the password…");
    show($("password-error"), null);
    try {
        follow(await postJson("/authorize", {query: request, username: pending.username, password: pending.password,
            new_password: chosen}));
        pending = null;
        return;
    } catch (error) {
        // The authorization request was accepted with the first password: what is refused now is the new one.
        if (error.status === 400 && error.code === "invalid_request") {
            show($("password-error"), passwordRules(error));
            $("new-password").setAttribute("aria-invalid", "true");
            $("new-password").select();
            $("new-password").focus();
        } else if (error.status === 400 && error.code === "invalid_grant") {
            // The old password no longer works (changed meanwhile, or the account disabled): start over.
            pending = null;
            showSignIn();
            show($("sign-in-error"), WRONG_LOGIN);
        } else {
            show($("password-error"), trouble(error, "Changing the password"));
        }
    }
    busy(button, false, "Change password and sign in");
}

// ---- Other accounts

/** Only a path of this origin: a provider's start is followed, never a place elsewhere the answer might name. */
function ownPath(start) {
    return typeof start === "string" && start.startsWith("/") && !start.startsWith("//")
        && !start.startsWith("/\\");
}

async function showProviders() {
    let providers;
    try {
        const response = await fetch("/authorize/providers", {cache: "no-store",
            headers: {Accept: "application/json"}});
        providers = response.ok ? await response.json() : [];
    } catch {
        // The other accounts are an offer; the password form works without them.
        return;
    }
    const usable = Array.isArray(providers) ? providers.filter((provider) => typeof provider?.name === "string"
        && ownPath(provider.start)) : [];
    $("provider-list").replaceChildren(...usable.map((provider) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "quiet";
        button.dataset.provider = String(provider.id ?? "");
        button.textContent = `Sign in with ${provider.name}`;
        // The same authorization request goes along, so that the answer reaches the same application.
        button.addEventListener("click", () => {
            button.disabled = true;
            location.assign(provider.start + location.search);
        });
        item.append(button);
        return item;
    }));
    $("providers").hidden = usable.length === 0;
}

// ---- Signing out

function showSignOut() {
    document.title = "Sign out of Torii";
    showView("sign-out-view");
    $("sign-out-button").focus();
}

async function signOut(event) {
    event.preventDefault();
    const button = $("sign-out-button");
    busy(button, true, "Signing out…");
    show($("sign-out-error"), null);
    try {
        const answer = await postJson("/logout", {query: request});
        if (typeof answer?.redirect_to === "string" && answer.redirect_to) {
            location.assign(answer.redirect_to);
            return;
        }
        document.title = "Signed out of Torii";
        showView("signed-out-view");
        $("signed-out-heading").focus();
    } catch (error) {
        show($("sign-out-error"), trouble(error, "Signing out"));
    }
    busy(button, false, "Sign out");
}

// ---- Start

$("sign-in-form").addEventListener("submit", signIn);
$("password-form").addEventListener("submit", changePassword);
$("password-back").addEventListener("click", backToSignIn);
$("sign-out-form").addEventListener("submit", signOut);

// Coming back with the browser's Back button from the application shows the page as it was left: enable it again.
window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
        busy($("sign-in-button"), false, "Sign in");
        busy($("password-button"), false, "Change password and sign in");
        busy($("sign-out-button"), false, "Sign out");
        for (const button of $("provider-list").querySelectorAll("button")) {
            button.disabled = false;
        }
    }
});

if (location.pathname.replace(/\/+$/, "") === "/logout") {
    showSignOut();
} else {
    showSignIn();
    showProviders();
}
