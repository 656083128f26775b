// The admin console: signs in as the chat page does (through the login page as the public client "chat", tokens in
// memory and in this tab's sessionStorage, refreshed before they expire, one refresh at a time, revoked at sign-out),
// asking for the admin scope, and then calls the public admin API only. Everything the API returns (usernames,
// application names, audit details) may have been written by an attacker: it is only ever set as text, never as markup.

import {errorOf, ServiceError, Session, SessionExpired, signInTrouble} from "/session.js";

const SCOPE = "admin";
/** openid beside it, for an ID token: signing out then ends the browser's login without asking again. */
const REQUESTED_SCOPE = `openid ${SCOPE}`;
const REFUSAL = "This console is for administrators.";
const CHANGE_PASSWORD_FIRST = "An administrator has set a new password for you. Sign in again with it to choose"
    + " your own.";
const USERS_PER_PAGE = 20;
const EVENTS_PER_PAGE = 50;
const KEYS_PER_PAGE = 50;
/** A chart shows every day of a range up to this long, and only the days with usage beyond it. */
const MAX_CHART_DAYS = 366;
/** The event kinds of torii.platform.entity.AuditEvent (ConsoleFilesTest keeps the two lists alike). */
const AUDIT_ACTIONS = ["login", "password_change", "user_create", "user_disable", "user_enable", "user_update",
    "user_delete", "roles_change", "app_create", "app_update", "app_delete", "grant", "grant_revoke", "grant_limits",
    "token_refresh", "token_revoke", "session_end", "code_redeem", "logout", "key_rotate", "client_token",
    "client_create", "client_secret", "client_update", "client_disable", "client_enable", "client_delete",
    "api_key_create", "api_key_delete"];
const BACKEND_HINTS = {
    echo: "Built in: answers with the last message. No model or URL.",
    openai: "An OpenAI-compatible server: its /v1 base URL and a model.",
    "azure-openai": "An Azure OpenAI resource: its endpoint as the base URL and a deployment as the model.",
    http: "Any HTTP API, reached at /apps/<id>/ with the caller's identity passed on.",
};
const PALETTE = ["#c8102e", "#1a73e8", "#188038", "#e37400", "#9334e6", "#007b83", "#b06000", "#5f6368"];

const $ = (id) => document.getElementById(id);

const session = new Session("chat", "torii.admin.session", expire, `${location.origin}/admin`);
/** After a refusal, the next sign-in asks for the password, so that someone else can sign in. */
let askPassword = false;
let chart = null;
const state = {
    section: null,
    apps: [],
    users: {q: "", page: 0},
    user: null,
    grantEdit: null,
    usage: [],
    usageRange: null,
    audit: {page: 0, filters: {}},
    apiKeys: {page: 0, username: ""},
};

/** The API refused the caller as an administrator (403): no role, or no admin scope. */
class NotAdmin extends Error {
}

/** The caller holds a password an administrator set, which opens nothing until they choose their own. */
class PasswordChangeRequired extends Error {
}

// ---- Talking to the service

/** A call of the admin API with an optional JSON body: its JSON answer, or null for none. */
async function api(path, {method = "GET", body} = {}) {
    const options = {method, headers: {Accept: "application/json"}};
    if (body !== undefined) {
        options.body = JSON.stringify(body);
        options.headers["Content-Type"] = "application/json";
    }
    const response = await session.call(path, options);
    if (response.status === 403) {
        const refused = await errorOf(response);
        throw refused.code === "password_change_required" ? new PasswordChangeRequired() : new NotAdmin();
    }
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.status === 204 ? null : response.json().catch(() => null);
}

const asked = {};

/**
 * A list's answer if no newer request for that list has been sent meanwhile, else undefined: answers may come back
 * out of order, and the last one asked for is the one to show.
 */
async function latest(list, request) {
    const ticket = (asked[list] ?? 0) + 1;
    asked[list] = ticket;
    const answer = await request;
    return asked[list] === ticket ? answer : undefined;
}

/** A path with its segments encoded: /admin/users/{u} for any username. */
function path(strings, ...values) {
    return strings.reduce((built, part, i) => built + part + (i < values.length ? encodeURIComponent(values[i]) : ""),
        "");
}

function query(parameters) {
    const kept = Object.entries(parameters).filter(([, value]) => value !== null && value !== undefined
        && value !== "");
    return kept.length ? `?${new URLSearchParams(kept)}` : "";
}

// ---- Messages people read

function duration(seconds) {
    if (seconds == null) {
        return "a moment";
    }
    return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

function messageOf(error) {
    switch (error.status) {
        case 0:
            return "The service cannot be reached. Check your connection and try again.";
        case 429:
            return `Too many requests. Try again in ${duration(error.retryAfter)}.`;
        case 503:
            return `The service is busy. Try again in ${duration(error.retryAfter)}.`;
        default:
            return error.message;
    }
}

function signInMessage(error) {
    return signInTrouble(error) ?? (error.status === 400 ? error.message : messageOf(error));
}

function show(element, text) {
    element.textContent = text ?? "";
    element.hidden = !text;
}

/** What every action does with a failure: an ended session or a refusal takes over the page, anything else is said. */
function fail(error, where) {
    if (error instanceof SessionExpired) {
        expire();
    } else if (error instanceof NotAdmin) {
        refuse(REFUSAL);
    } else if (error instanceof PasswordChangeRequired) {
        refuse(CHANGE_PASSWORD_FIRST);
    } else if (error instanceof ServiceError) {
        show(where, messageOf(error));
    } else {
        show(where, `Something went wrong: ${error.message}`);
        console.error(error);
    }
}

// ---- Building the page from data, as text only

/** An element with properties (dataset and attributes by name) and children: strings become text nodes. */
function el(tag, properties = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(properties)) {
        if (name === "dataset") {
            Object.assign(element.dataset, value);
        } else if (name.startsWith("aria-") || name === "role") {
            element.setAttribute(name, value);
        } else {
            element[name] = value;
        }
    }
    element.append(...children.filter((child) => child !== null && child !== undefined));
    return element;
}

function button(text, onClick, {label, className = "quiet", disabled = false} = {}) {
    const made = el("button", {type: "button", className, disabled}, text);
    if (label) {
        made.setAttribute("aria-label", label);
    }
    made.addEventListener("click", onClick);
    return made;
}

/** Fills a table body: a row per item, or one row saying there is none. */
function rows(body, items, cells, empty) {
    const columns = body.closest("table").querySelectorAll("thead th").length;
    if (!items.length) {
        body.replaceChildren(el("tr", {className: "empty-row"}, el("td", {colSpan: columns}, empty)));
        return;
    }
    body.replaceChildren(...items.map((item) => {
        const row = el("tr");
        cells(item).forEach((cell, i) => row.append(i === 0 && typeof cell === "string"
            ? el("th", {scope: "row"}, cell) : el("td", {}, cell ?? "")));
        return row;
    }));
}

function actions(...buttons) {
    return el("div", {className: "row-actions"}, ...buttons.filter(Boolean));
}

/** An instant as UTC, to the second: the audit trail and the filters count days in UTC. */
function instant(value) {
    if (!value) {
        return "";
    }
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 19).replace("T", " ");
}

function number(value) {
    return value == null ? "" : Number(value).toLocaleString("en-US");
}

function today() {
    return new Date().toISOString().slice(0, 10);
}

function daysBefore(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - days);
    return date.toISOString().slice(0, 10);
}

/** Roles as typed: separated by spaces or commas, each once. */
function roleList(text) {
    return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

function blankAsNull(text) {
    const trimmed = (text ?? "").trim();
    return trimmed === "" ? null : trimmed;
}

// ---- Forms and their errors

/** Clears a form's messages: the one at its top and those next to its fields. */
function clearErrors(form) {
    const top = form.querySelector(".form-error");
    if (top) {
        show(top, null);
    }
    for (const message of form.querySelectorAll(".field-error")) {
        const control = form.querySelector(`[aria-describedby~="${message.id}"]`);
        if (control) {
            const rest = control.getAttribute("aria-describedby").split(" ").filter((id) => id !== message.id);
            if (rest.length) {
                control.setAttribute("aria-describedby", rest.join(" "));
            } else {
                control.removeAttribute("aria-describedby");
            }
            control.removeAttribute("aria-invalid");
        }
        message.remove();
    }
}

/** The control of the form that the API calls by this field name. */
function controlFor(form, field) {
    const named = form.elements.namedItem(field);
    if (named instanceof Element && !named.hidden && !named.closest("[hidden]")) {
        return named;
    }
    return [...form.querySelectorAll("[data-field]")]
        .find((control) => control.dataset.field.split(" ").includes(field)) ?? null;
}

/**
 * Shows a failure of the form: each "field: message" of a validation answer ("email: must be ...; roles: must be ...")
 * next to the field it names, the rest at the top of the form.
 */
function failForm(form, error) {
    if (!(error instanceof ServiceError) || error.status !== 400 && error.status !== 409 && error.status !== 404) {
        fail(error, form.querySelector(".form-error"));
        return;
    }
    const unplaced = [];
    for (const part of messageOf(error).split("; ")) {
        const named = /^([a-z_]+(?: and [a-z_]+)*): (.+)$/s.exec(part);
        const controls = named ? named[1].split(" and ").map((field) => controlFor(form, field)).filter(Boolean) : [];
        if (!controls.length) {
            unplaced.push(part);
            continue;
        }
        for (const control of controls) {
            fieldError(control, named[2]);
        }
    }
    show(form.querySelector(".form-error"), unplaced.join("; ") || null);
    (form.querySelector("[aria-invalid=true]") ?? form.querySelector(".form-error:not([hidden])"))?.focus?.();
}

function fieldError(control, text) {
    const id = `${control.id}-error`;
    let message = document.getElementById(id);
    if (!message) {
        message = el("p", {id, className: "error field-error", role: "alert"});
        (control.closest(".field, .check") ?? control).after(message);
        const described = control.getAttribute("aria-describedby");
        control.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
    }
    message.textContent = text;
    control.setAttribute("aria-invalid", "true");
}

/** Runs a form's action with its submit button disabled, its old messages cleared and its failure shown. */
function onSubmit(form, action) {
    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        clearErrors(form);
        const submit = form.querySelector("button[type=submit]");
        submit.disabled = true;
        try {
            await action(form);
        } catch (error) {
            failForm(form, error);
        } finally {
            submit.disabled = false;
        }
    });
}

/** A button's action with the button disabled meanwhile and its failure shown where given. */
async function busy(control, where, action) {
    control.disabled = true;
    try {
        await action();
    } catch (error) {
        fail(error, where);
    } finally {
        control.disabled = false;
    }
}

/**
 * A step of a pager: its buttons wait while the page loads, which then enables each as it finds it; a failure takes
 * the step back.
 */
async function turn(pager, buttons, where, step, load) {
    const before = buttons.map((control) => control.disabled);
    const page = pager.page;
    buttons.forEach((control) => {
        control.disabled = true;
    });
    pager.page = Math.max(0, page + step);
    try {
        await load();
    } catch (error) {
        pager.page = page;
        buttons.forEach((control, i) => {
            control.disabled = before[i];
        });
        fail(error, where);
    }
}

// ---- Signing in and out

function showView(name) {
    $("sign-in-view").hidden = name !== "sign-in";
    $("refusal-view").hidden = name !== "refusal";
    $("console-view").hidden = name !== "console";
    $("account").hidden = name !== "console";
}

function showSignIn(notice) {
    showView("sign-in");
    show($("sign-in-notice"), notice);
    show($("sign-in-error"), null);
    $("sign-in-button").disabled = false;
    $("sign-in-button").focus();
}

/** Forgets the session and every piece of data the page was shown, so that none outlives it. */
function forget() {
    session.forget();
    chart?.destroy();
    chart = null;
    Object.assign(state, {section: null, apps: [], users: {q: "", page: 0}, user: null, grantEdit: null, usage: [],
        usageRange: null, audit: {page: 0, filters: {}}, apiKeys: {page: 0, username: ""}});
    for (const body of $("console-view").querySelectorAll("tbody, tfoot, select[data-apps], .detail-username")) {
        body.replaceChildren();
    }
    for (const form of $("console-view").querySelectorAll("form")) {
        clearErrors(form);
        form.reset();
    }
    for (const message of $("console-view").querySelectorAll(".error, .notice, [role=status], [role=alert]")) {
        message.hidden = true;
        if (!message.querySelector("output")) {
            message.textContent = "";
        }
    }
    for (const output of $("console-view").querySelectorAll("output, #client-secret-id, #user-detail-heading,"
        + " #user-detail-status, #users-count, #audit-page, #api-keys-count, #grants-app-name")) {
        output.textContent = "";
    }
    resetAppForm();
    resetGrantForm();
    for (const details of $("console-view").querySelectorAll("details")) {
        details.open = false;
    }
    $("user-detail").hidden = true;
    $("user-name").textContent = "";
}

function expire() {
    if (session.active) {
        forget();
        showSignIn("Your session has expired. Please sign in again.");
    }
}

/** Not an administrator, or not yet: the session, if any, is ended, and the page says so and shows nothing else. */
function refuse(message) {
    session.signOut().catch(() => {});
    forget();
    askPassword = true;
    $("refusal-message").textContent = message;
    showView("refusal");
    $("refusal-back").focus();
}

/** Leaves for the login page, which sends the browser back here with a code (see start). */
async function signIn() {
    const button = $("sign-in-button");
    button.disabled = true;
    show($("sign-in-error"), null);
    try {
        forget();
        await session.signIn(REQUESTED_SCOPE, askPassword ? {prompt: "login"} : {});
    } catch (error) {
        show($("sign-in-error"), signInMessage(error));
        button.disabled = false;
    }
}

/** Back from the login page: the console opens only for a session that holds the admin scope. */
async function completeSignIn() {
    try {
        if (!await session.completeSignIn()) {
            return false;
        }
    } catch (error) {
        // The scope is checked after the password: invalid_scope means a right password of someone not an admin.
        if (error.code === "invalid_scope") {
            refuse(REFUSAL);
        } else {
            showSignIn();
            show($("sign-in-error"), signInMessage(error));
        }
        return true;
    }
    if (!session.scope.split(" ").includes(SCOPE)) {
        refuse(REFUSAL);
    } else {
        await openConsole();
    }
    return true;
}

/**
 * Ends the session on the server first, so that a stolen refresh token dies with it, then the browser's login at
 * /logout, which sends it back here; the page stays only when the service cannot be reached.
 */
async function signOut() {
    if (!session.active) {
        expire();
        return;
    }
    $("sign-out").disabled = true;
    const notice = await session.signOutEverywhere();
    if (notice) {
        $("sign-out").disabled = false;
        forget();
        showSignIn(notice);
    }
}

/** The console, once the API has confirmed the caller is an administrator. */
async function openConsole() {
    try {
        await loadApps();
    } catch (error) {
        if (error instanceof SessionExpired || error instanceof NotAdmin || error instanceof PasswordChangeRequired) {
            fail(error);
        } else {
            forget();
            showSignIn();
            show($("sign-in-error"), `The console could not be loaded (${messageOf(error)}). Try again later.`);
        }
        return;
    }
    $("user-name").textContent = session.username;
    askPassword = false;
    showView("console");
    route();
}

// ---- Sections

const SECTIONS = {
    users: () => loadUsers(),
    apps: () => loadApps().then(renderApps),
    grants: () => loadApps().then(loadGrants),
    usage: () => loadApps().then(loadUsage),
    audit: () => loadAudit(),
    keys: () => Promise.all([loadSigningKeys(), loadClients(),
        loadApiKeys().catch((error) => fail(error, $("api-keys-error")))]),
};

const SECTION_ERRORS = {users: "users-error", apps: "apps-error", grants: "grants-error",
    usage: "usage-form", audit: "audit-form", keys: "signing-keys-error"};

function route() {
    if (!session.active || $("console-view").hidden) {
        return;
    }
    const wanted = location.hash.slice(1);
    const name = Object.hasOwn(SECTIONS, wanted) ? wanted : "users";
    const changed = state.section !== name;
    state.section = name;
    for (const section of document.querySelectorAll(".section")) {
        section.hidden = section.id !== `section-${name}`;
    }
    for (const link of $("section-links").querySelectorAll("a")) {
        if (link.dataset.section === name) {
            link.setAttribute("aria-current", "page");
        } else {
            link.removeAttribute("aria-current");
        }
    }
    const where = $(SECTION_ERRORS[name]);
    const place = where.tagName === "FORM" ? where.querySelector(".form-error") : where;
    SECTIONS[name]().catch((error) => fail(error, place));
    if (changed && location.hash) {
        $("console-main").focus();
    }
}

// ---- Applications (also the choices of the other sections)

async function loadApps() {
    state.apps = await api("/admin/apps");
    fillAppChoices();
}

function fillAppChoices() {
    const choose = (select, first) => {
        const kept = select.value;
        select.replaceChildren(...(first ? [el("option", {value: ""}, first)] : []),
            ...state.apps.map((app) => el("option", {value: app.id}, `${app.name} (${app.id})`)));
        if ([...select.options].some((option) => option.value === kept)) {
            select.value = kept;
        }
    };
    choose($("grants-app"));
    choose($("usage-app"), "All applications");
    choose($("user-grant-app"));
}

function renderApps() {
    rows($("apps-rows"), state.apps, (app) => [
        app.id,
        app.name,
        app.backend,
        app.model ?? "",
        app.base_url ?? "",
        app.api_key_configured ? "configured" : "none",
        el("div", {className: "row-actions"},
            button("Edit", () => editApp(app), {label: `Edit ${app.name}`}),
            button("Grants", () => {
                $("grants-app").value = app.id;
                location.hash = "#grants";
            }, {label: `Grants of ${app.name}`}),
            checkButton(app),
            button("Delete", (event) => deleteApp(app, event.currentTarget),
                {label: `Delete ${app.name}`, className: "danger"})),
    ], "No application yet.");
}

function checkButton(app) {
    const result = el("span", {className: "check-result", role: "status"});
    const control = button("Check", () => busy(control, result, async () => {
        show(result, "Checking…");
        const check = await api(path`/admin/apps/${app.id}/check`, {method: "POST"});
        // The time only when something was called: the built-in echo answers in no time at all.
        const how = check.status != null ? ` (HTTP ${check.status}, ${check.millis} ms)` : "";
        result.className = `check-result ${check.reachable ? "ok" : "bad"}`;
        const detail = check.detail ? `: ${check.detail}` : "";
        show(result, `${check.reachable ? "Reachable" : "Not reachable"}${how}${detail}`);
    }), {label: `Check ${app.name}`});
    return el("span", {className: "app-check"}, control, result);
}

function showBackendFields() {
    const backend = $("app-backend").value;
    for (const field of $("app-form").querySelectorAll("[data-backends]")) {
        field.hidden = !field.dataset.backends.split(" ").includes(backend);
    }
    $("app-backend-hint").textContent = BACKEND_HINTS[backend] ?? "";
}

function editApp(app) {
    const form = $("app-form");
    clearErrors(form);
    form.dataset.editing = app.id;
    for (const name of ["id", "name", "description", "backend", "model", "base_url", "docs_url"]) {
        form.elements[name].value = app[name] ?? "";
    }
    form.elements.id.readOnly = true;
    $("app-form-summary").textContent = `Edit ${app.name}`;
    $("app-save").textContent = "Save application";
    $("app-cancel").hidden = false;
    showBackendFields();
    $("app-details").open = true;
    form.elements.name.focus();
}

function resetAppForm() {
    const form = $("app-form");
    clearErrors(form);
    form.reset();
    delete form.dataset.editing;
    form.elements.id.readOnly = false;
    $("app-form-summary").textContent = "New application";
    $("app-save").textContent = "Create application";
    $("app-cancel").hidden = true;
    showBackendFields();
}

async function saveApp(form) {
    const editing = form.dataset.editing;
    const body = {name: form.elements.name.value, backend: form.elements.backend.value};
    for (const name of ["description", "model", "base_url", "docs_url"]) {
        const control = form.elements[name];
        const value = control.closest("[hidden]") ? null : blankAsNull(control.value);
        if (value !== null) {
            body[name] = value;
        }
    }
    if (editing) {
        await api(path`/admin/apps/${editing}`, {method: "PUT", body});
    } else {
        body.id = blankAsNull(form.elements.id.value);
        await api("/admin/apps", {method: "POST", body});
    }
    show($("apps-notice"), editing ? `${body.name} saved.` : `${body.name} (${body.id}) created.`);
    resetAppForm();
    $("app-details").open = false;
    await loadApps();
    renderApps();
}

async function deleteApp(app, control) {
    if (!confirm(`Delete the application ${app.name} (${app.id})? Its grants go with it, and nobody can use it any `
        + "more.")) {
        return;
    }
    await busy(control, $("apps-error"), async () => {
        await api(path`/admin/apps/${app.id}`, {method: "DELETE"});
        show($("apps-notice"), `${app.name} deleted.`);
        await loadApps();
        renderApps();
    });
}

// ---- Grants, from the application's side

async function loadGrants() {
    const id = $("grants-app").value;
    const app = state.apps.find((candidate) => candidate.id === id);
    $("grants-app-name").textContent = app ? app.name : "";
    $("grant-form").hidden = !app;
    if (!app) {
        rows($("grants-rows"), [], () => [], "There is no application to grant yet.");
        return;
    }
    const grants = await api(path`/admin/apps/${id}/grants`);
    if ($("grants-app").value !== id) {
        return;
    }
    rows($("grants-rows"), grants, (grant) => {
        const kind = grant.user != null ? "user" : grant.group != null ? "group" : "client";
        const name = grant[kind];
        return [name, kind, instant(grant.granted_at), number(grant.requests_per_minute),
            number(grant.tokens_per_day), number(grant.tokens_per_month),
            actions(button("Change limits", () => editGrant(kind, name, grant), {label: `Change the limits of ${kind}`
                    + ` ${name}`}),
                button("Revoke", (event) => revokeGrant(app, kind, name, event.currentTarget),
                    {label: `Revoke ${app.name} from ${kind} ${name}`, className: "danger"}))];
    }, `${app.name} is granted to nobody.`);
}

function editGrant(kind, name, grant) {
    const form = $("grant-form");
    clearErrors(form);
    state.grantEdit = {kind, name};
    form.elements.kind.value = kind;
    form.elements.grantee.value = name;
    form.elements.kind.disabled = true;
    form.elements.grantee.readOnly = true;
    for (const limit of ["requests_per_minute", "tokens_per_day", "tokens_per_month"]) {
        form.elements[limit].value = grant[limit] ?? "";
    }
    $("grant-form-heading").textContent = `Limits of ${kind} ${name}`;
    $("grant-save").textContent = "Save limits";
    $("grant-cancel").hidden = false;
    form.elements.requests_per_minute.focus();
}

function resetGrantForm() {
    const form = $("grant-form");
    clearErrors(form);
    form.reset();
    state.grantEdit = null;
    form.elements.kind.disabled = false;
    form.elements.grantee.readOnly = false;
    $("grant-form-heading").textContent = "Grant the application";
    $("grant-save").textContent = "Grant";
    $("grant-cancel").hidden = true;
}

async function saveGrant(form) {
    const id = $("grants-app").value;
    const app = state.apps.find((candidate) => candidate.id === id);
    const kind = form.elements.kind.value;
    const body = {[kind]: blankAsNull(form.elements.grantee.value)};
    for (const limit of ["requests_per_minute", "tokens_per_day", "tokens_per_month"]) {
        if (form.elements[limit].value !== "") {
            body[limit] = Number(form.elements[limit].value);
        }
    }
    const editing = state.grantEdit !== null;
    await api(path`/admin/apps/${id}/grants`, {method: editing ? "PUT" : "POST", body});
    show($("grants-notice"), editing ? `The limits of ${kind} ${body[kind]} are saved.`
        : `${app?.name ?? id} is granted to ${kind} ${body[kind]}.`);
    resetGrantForm();
    await loadGrants();
}

async function revokeGrant(app, kind, name, control) {
    if (!confirm(`Revoke ${app.name} from ${kind} ${name}? They cannot use it from their next call.`)) {
        return;
    }
    const folder = {user: "users", group: "groups", client: "clients"}[kind];
    await busy(control, $("grants-error"), async () => {
        await api(path`/admin/apps/${app.id}/grants/` + `${folder}/${encodeURIComponent(name)}`, {method: "DELETE"});
        show($("grants-notice"), `${app.name} is revoked from ${kind} ${name}.`);
        await loadGrants();
    });
}

// ---- Users

async function loadUsers() {
    const {q, page} = state.users;
    const found = await latest("users", api(`/admin/users${query({q, page, size: USERS_PER_PAGE})}`));
    if (!found) {
        return;
    }
    show($("users-error"), null);
    rows($("users-rows"), found.users, (user) => [
        user.username,
        user.full_name ?? "",
        user.email ?? "",
        (user.roles ?? []).join(", "),
        user.disabled ? "disabled" : "enabled",
        actions(button("Manage", () => openUser(user.username).catch((error) => fail(error, $("users-error"))),
            {label: `Manage ${user.username}`})),
    ], q ? "No user matches." : "No user yet.");
    const first = found.total === 0 ? 0 : found.page * found.size + 1;
    const last = found.page * found.size + found.users.length;
    $("users-count").textContent = `(${first}–${last} of ${found.total})`;
    $("users-previous").disabled = found.page === 0;
    $("users-next").disabled = last >= found.total;
}

async function createUser(form) {
    const body = {
        username: blankAsNull(form.elements.username.value),
        password: form.elements.password.value,
        email: blankAsNull(form.elements.email.value),
        full_name: blankAsNull(form.elements.full_name.value),
        roles: roleList(form.elements.roles.value),
        disabled: form.elements.disabled.checked,
    };
    // Left out when not asked for, as its default is false.
    if (form.elements.password_temporary.checked) {
        body.password_temporary = true;
    }
    const user = await api("/admin/users", {method: "POST", body});
    form.reset();
    $("new-user").open = false;
    show($("users-notice"), `User ${user.username} created.`);
    await loadUsers();
    await openUser(user.username);
}

async function openUser(username) {
    const user = await api(path`/admin/users/${username}`);
    state.user = user;
    showUser(user);
    for (const form of $("user-detail").querySelectorAll("form")) {
        clearErrors(form);
        form.reset();
    }
    $("user-edit-email").value = user.email ?? "";
    $("user-edit-full-name").value = user.full_name ?? "";
    $("user-roles").value = (user.roles ?? []).join(" ");
    show($("user-detail-error"), null);
    show($("user-detail-notice"), null);
    $("user-detail").hidden = false;
    $("user-detail").focus();
    await Promise.all([loadSessions(), loadUserApps(), loadUserUsage()]);
}

function showUser(user) {
    $("user-detail-heading").textContent = user.full_name ? `${user.username} (${user.full_name})` : user.username;
    for (const name of $("user-detail").querySelectorAll(".detail-username")) {
        name.textContent = user.username;
    }
    $("user-detail-status").textContent = [user.disabled ? "Disabled" : "Enabled",
        user.password_change_required ? "must change the password at next sign-in" : null,
        `roles: ${(user.roles ?? []).join(", ") || "none"}`].filter(Boolean).join("; ");
    $("user-toggle").textContent = user.disabled ? "Enable user" : "Disable user";
}

/** Runs an action on the open user and shows the user as the API answers afterwards. */
async function onUser(action) {
    const user = state.user;
    if (!user) {
        return;
    }
    const changed = await action(user);
    if (changed?.username === state.user?.username) {
        state.user = changed;
        showUser(changed);
    }
    loadUsers().catch((error) => fail(error, $("users-error")));
}

async function toggleUser() {
    const control = $("user-toggle");
    await busy(control, $("user-detail-error"), () => onUser(async (user) => {
        const changed = await api(path`/admin/users/${user.username}/` + (user.disabled ? "enable" : "disable"),
            {method: "POST"});
        show($("user-detail-notice"), `${changed.username} is ${changed.disabled ? "disabled" : "enabled"}.`);
        if (changed.disabled) {
            loadSessions();
        }
        return changed;
    }));
}

async function deleteUser() {
    const user = state.user;
    if (!user || !confirm(`Delete the user ${user.username}? Their grants, keys and sessions go with them.`)) {
        return;
    }
    await busy($("user-delete"), $("user-detail-error"), async () => {
        await api(path`/admin/users/${user.username}`, {method: "DELETE"});
        closeUser();
        show($("users-notice"), `User ${user.username} deleted.`);
        await loadUsers();
    });
}

function closeUser() {
    state.user = null;
    $("user-detail").hidden = true;
    for (const body of $("user-detail").querySelectorAll("tbody")) {
        body.replaceChildren();
    }
}

async function saveUserDetails(form) {
    await onUser(async (user) => {
        const changed = await api(path`/admin/users/${user.username}`, {method: "PUT",
            body: {email: blankAsNull(form.elements.email.value),
                full_name: blankAsNull(form.elements.full_name.value)}});
        show($("user-detail-notice"), `The name and e-mail of ${changed.username} are saved.`);
        return changed;
    });
}

async function saveRoles(form) {
    await onUser(async (user) => {
        const changed = await api(path`/admin/users/${user.username}/roles`, {method: "PUT",
            body: {roles: roleList(form.elements.roles.value)}});
        form.elements.roles.value = changed.roles.join(" ");
        show($("user-detail-notice"), `The roles of ${changed.username} are saved.`);
        loadUserApps();
        return changed;
    });
}

async function resetPassword(form) {
    await onUser(async (user) => {
        const body = {password: form.elements.password.value};
        if (form.elements.temporary.checked) {
            body.temporary = true;
        }
        await api(path`/admin/users/${user.username}/password`, {method: "PUT", body});
        form.reset();
        show($("user-detail-notice"), `The password of ${user.username} is reset.`);
        return api(path`/admin/users/${user.username}`);
    });
}

async function loadSessions() {
    const user = state.user;
    if (!user) {
        return;
    }
    try {
        const sessions = await api(path`/admin/users/${user.username}/sessions`);
        if (state.user?.username !== user.username) {
            return;
        }
        show($("user-sessions-error"), null);
        rows($("user-sessions-rows"), sessions, (one) => [one.client_id, one.scope ?? "", instant(one.logged_in),
            instant(one.expires), actions(button("End", (event) => endSession(user, one, event.currentTarget),
                {label: `End the session of ${one.client_id} from ${instant(one.logged_in)}`, className: "danger"}))],
        `${user.username} has no live session.`);
        $("user-sessions-end").disabled = sessions.length === 0;
    } catch (error) {
        fail(error, $("user-sessions-error"));
    }
}

async function endSession(user, one, control) {
    if (!confirm(`End this session of ${user.username} (${one.client_id})? They have to sign in again there.`)) {
        return;
    }
    await busy(control, $("user-sessions-error"), async () => {
        await api(path`/admin/users/${user.username}/sessions/${one.id}`, {method: "DELETE"});
        await loadSessions();
    });
}

async function endAllSessions() {
    const user = state.user;
    if (!user || !confirm(`End every session of ${user.username}? They have to sign in again everywhere.`)) {
        return;
    }
    await busy($("user-sessions-end"), $("user-sessions-error"), async () => {
        await api(path`/admin/users/${user.username}/sessions`, {method: "DELETE"});
        show($("user-detail-notice"), `Every session of ${user.username} has ended.`);
        await loadSessions();
    });
}

async function loadUserApps() {
    const user = state.user;
    if (!user) {
        return;
    }
    try {
        const usable = await api(path`/admin/users/${user.username}/apps`);
        if (state.user?.username !== user.username) {
            return;
        }
        show($("user-apps-error"), null);
        rows($("user-apps-rows"), usable, (one) => {
            const group = one.via?.startsWith("group:") ? one.via.slice(6) : null;
            return [`${one.name} (${one.app})`, group !== null ? `through the group ${group}` : "to the user",
                actions(one.via === "user" ? button("Revoke", (event) => revokeFromUser(user, one,
                    event.currentTarget), {label: `Revoke ${one.name} from ${user.username}`, className: "danger"})
                    : null)];
        }, `${user.username} may use no application.`);
    } catch (error) {
        fail(error, $("user-apps-error"));
    }
}

async function grantToUser(form) {
    const user = state.user;
    const id = form.elements.app.value;
    if (!user || !id) {
        return;
    }
    await api(path`/admin/apps/${id}/grants`, {method: "POST", body: {user: user.username}});
    const app = state.apps.find((candidate) => candidate.id === id);
    show($("user-detail-notice"), `${app?.name ?? id} is granted to ${user.username}.`);
    await loadUserApps();
}

async function revokeFromUser(user, one, control) {
    if (!confirm(`Revoke ${one.name} from ${user.username}?`)) {
        return;
    }
    await busy(control, $("user-apps-error"), async () => {
        await api(path`/admin/apps/${one.app}/grants/users/${user.username}`, {method: "DELETE"});
        await loadUserApps();
    });
}

async function loadUserUsage() {
    const user = state.user;
    if (!user) {
        return;
    }
    try {
        const entries = await api(`/admin/usage${query({username: user.username, from: daysBefore(today(), 29),
            to: today()})}`);
        if (state.user?.username !== user.username) {
            return;
        }
        const totals = new Map();
        for (const entry of entries) {
            const total = totals.get(entry.app) ?? {app: entry.app, requests: 0, tokens: 0};
            total.requests += entry.requests;
            total.tokens += entry.total_tokens;
            totals.set(entry.app, total);
        }
        show($("user-usage-error"), null);
        rows($("user-usage-rows"), [...totals.values()], (total) => [total.app, number(total.requests),
            number(total.tokens)], `No usage by ${user.username} in the last 30 days.`);
    } catch (error) {
        fail(error, $("user-usage-error"));
    }
}

function showUserUsage() {
    if (!state.user) {
        return;
    }
    const form = $("usage-form");
    form.elements.username.value = state.user.username;
    form.elements.app.value = "";
    form.elements.from.value = daysBefore(today(), 29);
    form.elements.to.value = today();
    location.hash = "#usage";
}

// ---- Usage

async function loadUsage() {
    const form = $("usage-form");
    if (!form.elements.from.value && !form.elements.to.value) {
        form.elements.from.value = daysBefore(today(), 29);
        form.elements.to.value = today();
    }
    const filters = {from: form.elements.from.value, to: form.elements.to.value,
        username: blankAsNull(form.elements.username.value), app: form.elements.app.value};
    const entries = await latest("usage", api(`/admin/usage${query(filters)}`));
    if (!entries) {
        return;
    }
    state.usage = entries;
    state.usageRange = filters;
    renderUsage();
}

function renderUsage() {
    const entries = state.usage;
    rows($("usage-rows"), entries, (entry) => [entry.day, entry.username, entry.app, number(entry.requests),
        number(entry.prompt_tokens), number(entry.completion_tokens), number(entry.total_tokens)],
    "No usage in this range.");
    const sum = (field) => entries.reduce((total, entry) => total + (entry[field] ?? 0), 0);
    $("usage-total").replaceChildren(...(entries.length ? [el("tr", {},
        el("th", {scope: "row", colSpan: 3}, "Total"), el("td", {}, number(sum("requests"))),
        el("td", {}, number(sum("prompt_tokens"))), el("td", {}, number(sum("completion_tokens"))),
        el("td", {}, number(sum("total_tokens"))))] : []));
    $("usage-csv").disabled = entries.length === 0;
    drawChart();
}

/** The days the chart shows: each day of the range when it is short enough, else those with usage. */
function chartDays(entries, range) {
    const used = [...new Set(entries.map((entry) => entry.day))].sort();
    const from = range?.from || used[0];
    const to = range?.to || used.at(-1);
    if (!from || !to || from > to) {
        return used;
    }
    const days = [];
    for (let day = from; day <= to && days.length <= MAX_CHART_DAYS; day = daysBefore(day, -1)) {
        days.push(day);
    }
    return days.length > MAX_CHART_DAYS ? used : days;
}

function drawChart() {
    if (typeof Chart === "undefined") {
        return;
    }
    const measure = $("usage-measure").value;
    const entries = state.usage;
    const days = chartDays(entries, state.usageRange);
    const apps = [...new Set(entries.map((entry) => entry.app))].sort();
    const datasets = apps.map((app, i) => {
        const perDay = new Map(days.map((day) => [day, 0]));
        for (const entry of entries) {
            if (entry.app === app && perDay.has(entry.day)) {
                perDay.set(entry.day, perDay.get(entry.day) + (entry[measure] ?? 0));
            }
        }
        return {label: app, data: days.map((day) => perDay.get(day)), backgroundColor: PALETTE[i % PALETTE.length],
            stack: "apps"};
    });
    const title = measure === "requests" ? "Requests per day" : "Tokens per day";
    if (chart) {
        chart.data.labels = days;
        chart.data.datasets = datasets;
        chart.options.plugins.title.text = title;
        chart.update();
        return;
    }
    chart = new Chart($("usage-chart"), {
        type: "bar",
        data: {labels: days, datasets},
        options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}},
            plugins: {title: {display: true, text: title}, legend: {position: "bottom"}},
        },
    });
}

/** A CSV field: quoted, and a leading formula character defused, since spreadsheets run "=..." as formulas. */
function csvField(value) {
    const text = value == null ? "" : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replaceAll("\"", "\"\"")}"`;
}

function exportCsv() {
    const columns = ["day", "username", "app", "requests", "prompt_tokens", "completion_tokens", "total_tokens"];
    const lines = [columns.join(","), ...state.usage.map((entry) => columns.map((column) => csvField(entry[column]))
        .join(","))];
    const blob = new Blob([`${lines.join("\r\n")}\r\n`], {type: "text/csv;charset=utf-8"});
    const url = URL.createObjectURL(blob);
    const range = state.usageRange ?? {};
    const link = el("a", {href: url, download: `torii-usage-${range.from || "start"}-${range.to || "now"}.csv`});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---- Audit trail

function auditFilters() {
    const form = $("audit-form");
    return {username: blankAsNull(form.elements.username.value), action: form.elements.action.value,
        from: form.elements.from.value, to: form.elements.to.value};
}

async function loadAudit() {
    const {page, filters} = state.audit;
    const events = await latest("audit", api(`/admin/audit${query({...filters, page, size: EVENTS_PER_PAGE})}`));
    if (!events) {
        return;
    }
    rows($("audit-rows"), events, (event) => [instant(event.time), event.action, event.username ?? "",
        event.outcome ?? "", event.actor ?? "", event.client_address ?? "", event.detail ?? "",
        number(event.count)], page === 0 ? "No event matches." : "No older event.");
    $("audit-page").textContent = `(page ${page + 1})`;
    $("audit-newer").disabled = page === 0;
    $("audit-older").disabled = events.length < EVENTS_PER_PAGE;
}

// ---- Keys, clients and API keys

async function loadSigningKeys() {
    try {
        const keys = await api("/admin/keys");
        show($("signing-keys-error"), null);
        rows($("signing-keys-rows"), keys, (key) => [key.kid, key.algorithm, key.state,
            key.configured ? "the configuration" : "generated here", instant(key.created), instant(key.retired)],
        "No key is listed.");
    } catch (error) {
        fail(error, $("signing-keys-error"));
    }
}

async function rotateKey() {
    if (!confirm("Rotate the signing key? A new key signs from now on; the current one keeps verifying the tokens "
        + "it signed until they expire.")) {
        return;
    }
    const result = $("rotate-result");
    result.classList.remove("bad");
    await busy($("rotate-key"), result, async () => {
        try {
            const rotated = await api("/admin/keys/rotate", {method: "POST"});
            show(result, `A new key signs from now on: ${rotated.kid}.`);
        } catch (error) {
            result.classList.add("bad");
            throw error;
        }
        await loadSigningKeys();
    });
}

async function loadClients() {
    try {
        const clients = await api("/admin/clients");
        show($("clients-error"), null);
        rows($("clients-rows"), clients, (client) => {
            const made = client.source === "admin";
            return [client.client_id, client.type, made ? "an administrator" : "the configuration",
                client.disabled ? "disabled" : "enabled", instant(client.created_at),
                (client.redirect_uris ?? []).join("\n") || "none",
                actions(button(client.disabled ? "Enable" : "Disable", (event) => toggleClient(client,
                    event.currentTarget), {label: `${client.disabled ? "Enable" : "Disable"} ${client.client_id}`}),
                made ? button("Redirect URIs", (event) => editRedirectUris(client, event.currentTarget),
                    {label: `Redirect URIs of ${client.client_id}`}) : null,
                made && client.type === "confidential" ? button("New secret", (event) => newSecret(client,
                    event.currentTarget), {label: `New secret for ${client.client_id}`}) : null,
                made ? button("Delete", (event) => deleteClient(client, event.currentTarget),
                    {label: `Delete ${client.client_id}`, className: "danger"}) : null)];
        }, "No client.");
    } catch (error) {
        fail(error, $("clients-error"));
    }
}

function showSecret(made) {
    $("client-secret-id").textContent = made.client_id;
    $("client-secret-value").textContent = made.client_secret;
    $("client-secret").hidden = false;
}

function hideSecret() {
    $("client-secret-id").textContent = "";
    $("client-secret-value").textContent = "";
    $("client-secret").hidden = true;
}

async function toggleClient(client, control) {
    if (!client.disabled && !confirm(`Disable the client ${client.client_id}? Every token issued to it stops `
        + "working.")) {
        return;
    }
    await busy(control, $("clients-error"), async () => {
        await api(path`/admin/clients/${client.client_id}/` + (client.disabled ? "enable" : "disable"),
            {method: "POST"});
        await loadClients();
    });
}

async function newSecret(client, control) {
    if (!confirm(`Give ${client.client_id} a new secret? The old one and the client's tokens stop working.`)) {
        return;
    }
    await busy(control, $("clients-error"), async () => {
        showSecret(await api(path`/admin/clients/${client.client_id}/secret`, {method: "POST"}));
    });
}

async function deleteClient(client, control) {
    if (!confirm(`Delete the client ${client.client_id}? Its grants go with it and its tokens stop working.`)) {
        return;
    }
    await busy(control, $("clients-error"), async () => {
        await api(path`/admin/clients/${client.client_id}`, {method: "DELETE"});
        hideSecret();
        await loadClients();
    });
}

/** The lines of a text box that hold something. */
function lines(text) {
    return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

async function editRedirectUris(client, control) {
    const edited = prompt(`Redirect URIs of ${client.client_id}, separated by spaces (none to stop its sign-ins):`,
        (client.redirect_uris ?? []).join(" "));
    if (edited === null) {
        return;
    }
    await busy(control, $("clients-error"), async () => {
        await api(path`/admin/clients/${client.client_id}/redirect-uris`, {method: "PUT",
            body: {redirect_uris: edited.split(/\s+/).filter((uri) => uri !== "")}});
        await loadClients();
    });
}

async function createClient(form) {
    const made = await api("/admin/clients", {method: "POST", body: {client_id: blankAsNull(form.elements.client_id
        .value), type: form.elements.type.value, redirect_uris: lines(form.elements.redirect_uris.value)}});
    form.reset();
    if (made.client_secret) {
        showSecret(made);
    } else {
        hideSecret();
    }
    await loadClients();
}

async function loadApiKeys() {
    const {page, username} = state.apiKeys;
    const found = await latest("api-keys", api(`/admin/api-keys${query({username, page, size: KEYS_PER_PAGE})}`));
    if (!found) {
        return;
    }
    show($("api-keys-error"), null);
    rows($("api-keys-rows"), found.keys, (key) => {
        const limits = [[key.requests_per_minute, "requests a minute"], [key.tokens_per_day, "tokens a day"],
            [key.tokens_per_month, "tokens a month"]].filter(([value]) => value != null)
            .map(([value, unit]) => `${number(value)} ${unit}`).join(", ");
        return [key.name, key.username, key.apps ? key.apps.join(", ") : "all of the user's",
            instant(key.created_at), instant(key.expires_at), key.last_used_at ? instant(key.last_used_at) : "never",
            limits || "none", actions(button("Delete", (event) => deleteApiKey(key, event.currentTarget),
                {label: `Delete the API key ${key.name} of ${key.username}`, className: "danger"}))];
    }, "No API key.");
    const last = found.page * found.size + found.keys.length;
    $("api-keys-count").textContent = `(${found.total} in all)`;
    $("api-keys-previous").disabled = found.page === 0;
    $("api-keys-next").disabled = last >= found.total;
}

async function deleteApiKey(key, control) {
    if (!confirm(`Delete the API key "${key.name}" of ${key.username}? Whatever uses it stops working at once.`)) {
        return;
    }
    await busy(control, $("api-keys-error"), async () => {
        await api(path`/admin/api-keys/${key.id}`, {method: "DELETE"});
        await loadApiKeys();
    });
}

// ---- Start

function wire() {
    $("sign-in-button").addEventListener("click", signIn);
    $("sign-out").addEventListener("click", signOut);
    $("refusal-back").addEventListener("click", () => {
        showSignIn();
        signIn();
    });
    window.addEventListener("hashchange", route);

    $("audit-action").replaceChildren(el("option", {value: ""}, "All events"),
        ...AUDIT_ACTIONS.map((action) => el("option", {value: action}, action)));
    for (const select of [$("grants-app"), $("usage-app"), $("user-grant-app")]) {
        select.dataset.apps = "";
    }

    onSubmit($("user-search"), async (form) => {
        state.users = {q: form.elements.q.value.trim(), page: 0};
        await loadUsers();
    });
    const usersPager = [$("users-previous"), $("users-next")];
    $("users-previous").addEventListener("click", () => turn(state.users, usersPager, $("users-error"), -1,
        loadUsers));
    $("users-next").addEventListener("click", () => turn(state.users, usersPager, $("users-error"), 1, loadUsers));
    onSubmit($("new-user-form"), createUser);
    onSubmit($("user-edit-form"), saveUserDetails);
    onSubmit($("user-roles-form"), saveRoles);
    onSubmit($("user-password-form"), resetPassword);
    onSubmit($("user-grant-form"), grantToUser);
    $("user-toggle").addEventListener("click", toggleUser);
    $("user-delete").addEventListener("click", deleteUser);
    $("user-close").addEventListener("click", closeUser);
    $("user-sessions-end").addEventListener("click", endAllSessions);
    $("user-usage-open").addEventListener("click", showUserUsage);

    onSubmit($("app-form"), saveApp);
    $("app-backend").addEventListener("change", showBackendFields);
    $("app-cancel").addEventListener("click", () => {
        resetAppForm();
        $("app-details").open = false;
    });
    showBackendFields();

    $("grants-app").addEventListener("change", () => {
        resetGrantForm();
        show($("grants-notice"), null);
        loadGrants().catch((error) => fail(error, $("grants-error")));
    });
    onSubmit($("grant-form"), saveGrant);
    $("grant-cancel").addEventListener("click", resetGrantForm);

    onSubmit($("usage-form"), loadUsage);
    $("usage-measure").addEventListener("change", drawChart);
    $("usage-csv").addEventListener("click", exportCsv);

    onSubmit($("audit-form"), async () => {
        state.audit = {page: 0, filters: auditFilters()};
        await loadAudit();
    });
    const auditPager = [$("audit-newer"), $("audit-older")];
    const auditError = $("audit-form").querySelector(".form-error");
    $("audit-newer").addEventListener("click", () => turn(state.audit, auditPager, auditError, -1, loadAudit));
    $("audit-older").addEventListener("click", () => turn(state.audit, auditPager, auditError, 1, loadAudit));

    $("rotate-key").addEventListener("click", rotateKey);
    onSubmit($("client-form"), createClient);
    onSubmit($("api-keys-form"), async (form) => {
        state.apiKeys = {page: 0, username: blankAsNull(form.elements.username.value)};
        await loadApiKeys();
    });
    const keysPager = [$("api-keys-previous"), $("api-keys-next")];
    $("api-keys-previous").addEventListener("click", () => turn(state.apiKeys, keysPager, $("api-keys-error"), -1,
        loadApiKeys));
    $("api-keys-next").addEventListener("click", () => turn(state.apiKeys, keysPager, $("api-keys-error"), 1,
        loadApiKeys));
}

/** Back from the login page with a code, back from /logout, or a reload that keeps this tab's session. */
async function start() {
    wire();
    if (session.completeSignOut()) {
        showSignIn("You have signed out.");
    } else if (await completeSignIn()) {
        return;
    } else if (session.restore()) {
        await openConsole();
    } else {
        showSignIn();
    }
}

start();
