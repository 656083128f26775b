// The chat page: signs in through the login page as the public client "chat" (session.js), keeps the tokens in this
// tab only (memory and sessionStorage, so that a reload keeps the session and closing the tab forgets it), and streams
// answers from the OpenAI-compatible /v1/chat/completions. Model output is only ever set as text, never as markup.

import {errorOf, ServiceError, Session, SessionExpired, signInTrouble} from "/session.js";

/**
 * No scope: all the user may have. The page needs the scope app:<id> of every application of the user, which only
 * the service knows before the user has signed in; asking for openid beside them would grant openid alone. Without an
 * ID token, signing out of Torii asks the user to confirm on the login page.
 */
const SCOPE = "";

const $ = (id) => document.getElementById(id);

const session = new Session("chat", "torii.chat.session", expire, `${location.origin}/`);
/** The next sign-in asks for the password even if the browser is still signed in to Torii. */
let askPassword = false;
const call = (path, options) => session.call(path, options);
let apps = [];
let current = null;
let streaming = null;
const conversations = new Map();

async function getJson(path) {
    const response = await call(path, {headers: {Accept: "application/json"}});
    if (!response.ok) {
        throw await errorOf(response);
    }
    return response.json();
}

// ---- Messages people read

function duration(seconds) {
    if (seconds == null) {
        return "a moment";
    }
    if (seconds < 90) {
        return seconds === 1 ? "1 second" : `${seconds} seconds`;
    }
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
}

function signInMessage(error) {
    const trouble = signInTrouble(error);
    if (trouble) {
        return trouble;
    }
    switch (error.status) {
        case 0:
            return "The service cannot be reached. Check your connection and try again.";
        case 400:
            return error.message;
        case 429:
            return `Too many attempts. Try again in ${duration(error.retryAfter)}.`;
        case 503:
            return `The service is busy. Try again in ${duration(error.retryAfter)}.`;
        default:
            return `Signing in failed (${error.message}). Try again later.`;
    }
}

function chatMessage(error, app) {
    switch (error.status) {
        case 0:
            return "The service cannot be reached. Check your connection and try again.";
        case 403:
            return `You may no longer use ${app.name}. Ask an administrator.`;
        case 404:
            return `${app.name} is not available any more.`;
        case 429:
            return `You have sent too many messages to ${app.name}. Try again in ${duration(error.retryAfter)}.`;
        case 502:
            return `${app.name} could not get an answer from its model. Try again.`;
        case 503:
            return `The service is busy. Try again in ${duration(error.retryAfter)}.`;
        case 504:
            return `${app.name} took too long to answer. Try again.`;
        default:
            return `${app.name} could not answer: ${error.message}`;
    }
}

function show(element, text) {
    element.textContent = text ?? "";
    element.hidden = !text;
}

// ---- Signing in and out

function showSignIn(notice) {
    $("chat-view").hidden = true;
    $("account").hidden = true;
    $("sign-in-view").hidden = false;
    show($("sign-in-notice"), notice);
    show($("sign-in-error"), null);
    $("sign-in-button").disabled = false;
    $("sign-in-button").focus();
}

function forget() {
    streaming?.abort();
    session.forget();
    apps = [];
    current = null;
    conversations.clear();
    // A key shown once must not outlive the session on the page.
    $("new-key-value").textContent = "";
    $("new-key").hidden = true;
    $("key-list").replaceChildren();
}

function expire() {
    if (session.active) {
        forget();
        showSignIn("Your session has expired. Please sign in again.");
    }
}

/** Leaves for the login page, which sends the browser back here with a code (see start). */
async function signIn() {
    const button = $("sign-in-button");
    button.disabled = true;
    show($("sign-in-error"), null);
    try {
        forget();
        await session.signIn(SCOPE, askPassword ? {prompt: "login"} : {});
    } catch (error) {
        show($("sign-in-error"), signInMessage(error));
        button.disabled = false;
    }
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
    streaming?.abort();
    const notice = await session.signOutEverywhere();
    if (notice) {
        $("sign-out").disabled = false;
        forget();
        showSignIn(notice);
    }
}

// ---- Applications and conversations

async function openChat() {
    try {
        const [me, mine] = await Promise.all([getJson("/users/me"), getJson("/users/me/apps")]);
        apps = mine;
        $("user-name").textContent = me.full_name || me.username;
        $("account").hidden = false;
        $("sign-in-view").hidden = true;
        askPassword = false;
        $("chat-view").hidden = false;
        renderApps();
        loadKeys();
        if (apps.length === 1) {
            choose(apps[0].id);
        } else {
            showConversation();
            $("app-list").querySelector("button")?.focus();
        }
    } catch (error) {
        if (error instanceof SessionExpired) {
            expire();
        } else if (error.code === "password_change_required") {
            // An administrator set a new password meanwhile: the login page asks for it and for one of the user's own.
            session.signOut().catch(() => {});
            forget();
            askPassword = true;
            showSignIn("An administrator has set a new password for you. Sign in with it to choose your own.");
        } else {
            forget();
            showSignIn();
            show($("sign-in-error"), error.status === 0 ? signInMessage(error)
                : `Your applications could not be loaded (${error.message}). Try again later.`);
        }
    }
}

function renderApps() {
    const list = $("app-list");
    list.replaceChildren(...apps.map((app) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.app = app.id;
        const name = document.createElement("span");
        name.className = "app-name";
        name.textContent = app.name;
        const summary = document.createElement("span");
        summary.className = "app-summary";
        summary.textContent = app.description ?? "";
        button.append(name, summary);
        if (app.kind === "api") {
            const badge = document.createElement("span");
            badge.className = "app-kind";
            badge.textContent = "API";
            name.append(" ", badge);
        }
        button.addEventListener("click", () => choose(app.id));
        item.append(button);
        return item;
    }));
    $("no-apps").hidden = apps.length > 0;
}

// ---- API keys

async function loadKeys() {
    try {
        renderKeys(await getJson("/users/me/api-keys"));
    } catch (error) {
        if (error instanceof SessionExpired) {
            expire();
        } else {
            show($("key-error"), `Your API keys could not be loaded (${error.message}).`);
        }
    }
}

function renderKeys(keys) {
    $("key-list").replaceChildren(...keys.map((key) => {
        const item = document.createElement("li");
        const name = document.createElement("span");
        name.className = "key-name";
        name.textContent = key.name;
        const details = document.createElement("span");
        details.className = "key-details muted";
        const reach = key.apps ? key.apps.join(", ") : "all applications";
        const used = key.last_used_at ? `last used ${day(key.last_used_at)}` : "never used";
        const limits = [[key.requests_per_minute, "requests a minute"], [key.tokens_per_day, "tokens a day"],
            [key.tokens_per_month, "tokens a month"]].filter(([value]) => value != null)
            .map(([value, unit]) => `${value.toLocaleString()} ${unit}`);
        details.textContent = `${reach}; expires ${day(key.expires_at)}; ${used}`
            + (limits.length > 0 ? `; at most ${limits.join(", ")}` : "");
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "quiet";
        remove.textContent = "Delete";
        remove.setAttribute("aria-label", `Delete the API key ${key.name}`);
        remove.addEventListener("click", () => deleteKey(key));
        item.append(name, details, remove);
        return item;
    }));
    $("no-keys").hidden = keys.length > 0;
    $("key-apps").replaceChildren($("key-apps").querySelector("legend"), ...apps.map((app) => {
        const label = document.createElement("label");
        label.className = "check";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = "apps";
        box.value = app.id;
        label.append(box, ` ${app.name}`);
        return label;
    }));
}

function day(instant) {
    return new Date(instant).toLocaleDateString();
}

async function createKey(event) {
    event.preventDefault();
    $("key-error").hidden = true;
    const form = event.target;
    const body = {name: form.elements.name.value.trim()};
    const ticked = [...form.querySelectorAll("input[name=apps]:checked")].map((box) => box.value);
    if (ticked.length > 0) {
        body.apps = ticked;
    }
    const numbers = {days: "expires_in_days", rpm: "requests_per_minute", tpd: "tokens_per_day",
        tpm: "tokens_per_month"};
    for (const [field, member] of Object.entries(numbers)) {
        if (form.elements[field].value) {
            body[member] = Number(form.elements[field].value);
        }
    }
    try {
        const response = await call("/users/me/api-keys", {method: "POST", body: JSON.stringify(body),
            headers: {"Content-Type": "application/json", Accept: "application/json"}});
        if (!response.ok) {
            throw await errorOf(response);
        }
        const made = await response.json();
        $("new-key-value").textContent = made.key;
        $("new-key").hidden = false;
        form.reset();
        $("key-details").open = false;
        await loadKeys();
    } catch (error) {
        if (error instanceof SessionExpired) {
            expire();
        } else {
            show($("key-error"), `The key was not made: ${error.message}`);
        }
    }
}

async function deleteKey(key) {
    if (!confirm(`Delete the API key "${key.name}"? Whatever uses it stops working at once.`)) {
        return;
    }
    $("key-error").hidden = true;
    try {
        const response = await call(`/users/me/api-keys/${encodeURIComponent(key.id)}`, {method: "DELETE"});
        if (!response.ok && response.status !== 404) {
            throw await errorOf(response);
        }
        $("new-key").hidden = true;
        await loadKeys();
    } catch (error) {
        if (error instanceof SessionExpired) {
            expire();
        } else {
            show($("key-error"), `The key was not deleted: ${error.message}`);
        }
    }
}

// ---- Budgets

/** What is left of the chosen application's budgets, read again after each answer. */
async function loadBudget(app) {
    try {
        const mine = (await getJson("/users/me/usage/budgets")).find((budget) => budget.app === app.id);
        if (current?.id === app.id) {
            show($("app-budget"), mine ? describeBudget(mine) : null);
        }
    } catch {
        // The budgets are a courtesy; the answers themselves say when one is spent.
    }
}

function describeBudget(budget) {
    const parts = [];
    const left = (allowance, what) =>
        `${allowance.remaining.toLocaleString()} of ${allowance.limit.toLocaleString()} ${what}`;
    if (budget.requests_per_minute) {
        parts.push(left(budget.requests_per_minute, "requests this minute"));
    }
    if (budget.tokens_per_day) {
        parts.push(left(budget.tokens_per_day, "tokens today"));
    }
    if (budget.tokens_per_month) {
        parts.push(left(budget.tokens_per_month, "tokens this month"));
    }
    return parts.length > 0 ? `Left: ${parts.join("; ")}.` : null;
}

function choose(id) {
    if (streaming) {
        streaming.abort();
    }
    current = apps.find((app) => app.id === id) ?? null;
    for (const button of $("app-list").querySelectorAll("button")) {
        button.setAttribute("aria-current", String(button.dataset.app === id));
    }
    showConversation();
    show($("app-budget"), null);
    if (current) {
        loadBudget(current);
    }
    $("prompt").focus();
}

function showConversation() {
    const ready = current !== null && current.kind !== "api";
    $("app-title").textContent = current ? current.name : "Choose an application";
    $("app-description").textContent = current ? current.description ?? "" : "";
    $("prompt").disabled = !ready;
    $("send").disabled = !ready;
    $("prompt").placeholder = ready ? `Message ${current.name}` : "Choose an application first";
    show($("chat-error"), null);
    const messages = $("messages");
    if (current?.kind === "api") {
        $("prompt").placeholder = `${current.name} is an API, not a chat`;
        messages.replaceChildren(apiNote(current));
        return;
    }
    if (!ready) {
        messages.replaceChildren(emptyNote(apps.length ? "Choose an application to start." : ""));
        return;
    }
    const history = conversations.get(current.id) ?? [];
    messages.replaceChildren(...(history.length
        ? history.map((message) => bubble(message.role, message.content).item)
        : [emptyNote(`Send ${current.name} a message to start.`)]));
    messages.scrollTop = messages.scrollHeight;
}

/** How to reach an HTTP application: its path here, with a token or a key, and its own documentation if it has one. */
function apiNote(app) {
    const item = emptyNote("");
    item.classList.add("api-note");
    const where = document.createElement("p");
    const path = document.createElement("code");
    path.textContent = app.path;
    where.append(`${app.name} is an API. Call it at `, path,
        " on this server with your token or one of your API keys as the bearer token.");
    item.replaceChildren(where);
    if (app.docs_url) {
        const docs = document.createElement("a");
        docs.href = app.docs_url;
        docs.rel = "noopener noreferrer";
        docs.textContent = `Documentation of ${app.name}`;
        const line = document.createElement("p");
        line.append(docs);
        item.append(line);
    }
    return item;
}

function emptyNote(text) {
    const note = document.createElement("li");
    note.className = "empty";
    note.textContent = text;
    return note;
}

function bubble(role, content) {
    const item = document.createElement("li");
    item.className = `message ${role}`;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = role === "user" ? "You" : current.name;
    const text = document.createElement("div");
    text.className = "text";
    text.textContent = content;
    item.append(who, text);
    return {item, text};
}

function note(item, text) {
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = text;
    item.append(status);
}

async function send(event) {
    event?.preventDefault();
    const prompt = $("prompt");
    const content = prompt.value.trim();
    if (!content || !current || streaming) {
        return;
    }
    const app = current;
    const history = conversations.get(app.id) ?? [];
    conversations.set(app.id, history);
    const request = [...history, {role: "user", content}];
    history.push(request.at(-1));

    const messages = $("messages");
    messages.querySelector(".empty")?.remove();
    const asked = bubble("user", content);
    const answer = bubble("assistant", "");
    answer.item.classList.add("streaming");
    messages.append(asked.item, answer.item);
    messages.scrollTop = messages.scrollHeight;
    prompt.value = "";
    fit(prompt);
    show($("chat-error"), null);

    const controller = new AbortController();
    streaming = controller;
    streamingUi(true);
    let reply = "";
    try {
        const response = await call("/v1/chat/completions", {method: "POST", signal: controller.signal,
            headers: {"Content-Type": "application/json", Accept: "text/event-stream"},
            body: JSON.stringify({model: app.id, messages: request, stream: true})});
        if (!response.ok) {
            throw await errorOf(response);
        }
        await readEvents(response.body, (piece) => {
            reply += piece;
            answer.text.textContent = reply;
            messages.scrollTop = messages.scrollHeight;
        });
        history.push({role: "assistant", content: reply});
        loadBudget(app);
    } catch (error) {
        if (error instanceof SessionExpired) {
            expire();
            return;
        }
        // Part of an answer is kept, marked as such; a question without any answer is taken back.
        const aborted = error.name === "AbortError";
        if (reply) {
            history.push({role: "assistant", content: reply});
        } else {
            history.pop();
        }
        if (current !== app) {
            return;
        }
        if (reply) {
            note(answer.item, aborted ? "Stopped" : "The answer was cut off");
        } else {
            takeBack(history, asked, answer, content);
        }
        if (!aborted) {
            show($("chat-error"), chatMessage(error, app));
        }
    } finally {
        answer.item.classList.remove("streaming");
        if (streaming === controller) {
            streaming = null;
            streamingUi(false);
        }
    }
}

/** A question that got no answer goes back into the message box, so that sending it again is one key away. */
function takeBack(history, asked, answer, content) {
    asked.item.remove();
    answer.item.remove();
    if (!$("prompt").value) {
        $("prompt").value = content;
        fit($("prompt"));
    }
    if (!history.length) {
        $("messages").replaceChildren(emptyNote(`Send ${current.name} a message to start.`));
    }
}

function streamingUi(on) {
    $("messages").setAttribute("aria-busy", String(on));
    // The button that had the focus is about to be hidden; the message box is where the keyboard belongs.
    if (document.activeElement === $(on ? "send" : "stop")) {
        $("prompt").focus();
    }
    $("send").hidden = on;
    $("stop").hidden = !on;
}

/**
 * Reads a text/event-stream body (the server-sent events format) and hands each chunk's text to onText, until
 * "[DONE]". EventSource cannot be used: it neither posts nor sends an Authorization header.
 */
async function readEvents(body, onText) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let data = [];
    try {
        for (;;) {
            const {value, done} = await reader.read();
            if (done) {
                throw new ServiceError(502, "incomplete", "the answer ended early");
            }
            buffer += value;
            const lines = buffer.split(/\r\n|\r|\n/);
            buffer = lines.pop();
            for (const line of lines) {
                if (line.startsWith("data:")) {
                    data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
                } else if (line === "" && data.length) {
                    const event = data.join("\n");
                    data = [];
                    if (event === "[DONE]") {
                        return;
                    }
                    onText(textOf(JSON.parse(event)));
                }
            }
        }
    } finally {
        reader.cancel().catch(() => {});
    }
}

function textOf(chunk) {
    if (chunk.error) {
        throw new ServiceError(502, chunk.error.code, chunk.error.message);
    }
    return chunk.choices?.[0]?.delta?.content ?? "";
}

// ---- The message box

function fit(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = `${textarea.scrollHeight}px`;
}

function onPromptKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
    }
}

// ---- Start

$("sign-in-button").addEventListener("click", signIn);
$("sign-out").addEventListener("click", signOut);
$("key-form").addEventListener("submit", createKey);
$("composer").addEventListener("submit", send);
$("prompt").addEventListener("keydown", onPromptKey);
$("prompt").addEventListener("input", (event) => fit(event.target));
$("stop").addEventListener("click", () => streaming?.abort());
document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && streaming) {
        streaming.abort();
    }
});

/** Back from the login page with a code, back from /logout, or a reload that keeps this tab's session. */
async function start() {
    if (session.completeSignOut()) {
        showSignIn("You have signed out.");
        return;
    }
    try {
        if (await session.completeSignIn()) {
            await openChat();
            return;
        }
    } catch (error) {
        showSignIn();
        show($("sign-in-error"), signInMessage(error));
        return;
    }
    if (session.restore()) {
        await openChat();
    } else {
        showSignIn();
    }
}

start();
