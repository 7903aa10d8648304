// @ts-check
// The viewer's browser script (GET / loads it as a module from /viewer.js). No framework: every value from the
// service reaches the page as text (textContent, text nodes), never as markup.

/** @typedef {{ user_id: string, user_data: string | null, time_stamp: string }} Row */
/** @typedef {{ path: unknown, message: unknown }} FieldError */
/** @typedef {{ data: Row[], next_cursor: string | null, total?: number }} RowPage */
/**
 * A session of the API (POST /sessions): what it has staged, and when it expires.
 * @typedef {{ session_id: string, state: "open" | "committed", expires_at: string, operations: number, rows: number }} Session
 */
/** What a session does to a row it shows: adds it, changes it, or deletes it (null: nothing). @typedef {"new" | "changed" | "deleted" | null} Pending */
/** @typedef {{ row: Row, pending: Pending }} ShownRow */

const TOKEN_KEY = "userdata.token";
/** The open session's id, so that a reload of this tab returns to it. */
const SESSION_KEY = "userdata.session";
/** GET /users?user_id=…&user_id=… is split so that no address grows past this. */
const MAX_URL = 6000;
/** Tries of a session request that meets operations staged while it ran (409 session-changed): it says "send it again". */
const SESSION_TRIES = 3;

/**
 * The element with this id, which the page always has, as the type the script needs.
 * @template {Element} T
 * @param {string} id
 * @param {{ new (): T, name: string }} type
 * @returns {T}
 */
function byId(id, type) {
	const node = document.getElementById(id);
	if (!(node instanceof type)) throw new Error(`The page has no ${type.name} #${id}.`);
	return node;
}

/**
 * A form's control by name, as the type the script needs.
 * @template {Element} T
 * @param {HTMLFormElement} form
 * @param {string} name
 * @param {{ new (): T, name: string }} type
 * @returns {T}
 */
function field(form, name, type) {
	const node = form.elements.namedItem(name);
	if (!(node instanceof type)) throw new Error(`The form #${form.id} has no ${type.name} ${name}.`);
	return node;
}

const filters = byId("filters", HTMLFormElement);
const addForm = byId("add", HTMLFormElement);
const limitInput = field(filters, "limit", HTMLInputElement);
const prefixInput = field(filters, "user_id_prefix", HTMLInputElement);
const addUserId = field(addForm, "user_id", HTMLInputElement);
const addUserData = field(addForm, "user_data", HTMLInputElement);
const tokenInput = byId("token", HTMLInputElement);
const rowsBody = byId("rows", HTMLTableSectionElement);

/** The limits come from the page, which has them from the service's schemas. */
const MAX_PAGE_SIZE = Number(limitInput.max);
const DEFAULT_PAGE_SIZE = Number(limitInput.defaultValue);

const state = {
	/** @type {string | null} */
	token: null,
	canWrite: false,
	/** The cursor of every page up to the one shown; null for the first page. @type {(string | null)[]} */
	cursors: [null],
	/** @type {string | null} */
	next: null,
	loads: 0,
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	debounce: undefined,
	/** The open session, whose view the table shows and into which writes are staged. @type {Session | null} */
	session: null,
};

/**
 * An element with properties and children; strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Partial<HTMLElementTagNameMap[K]>} props
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, props, ...children) {
	const node = Object.assign(document.createElement(tag), props);
	node.append(...children);
	return node;
}

/** A problem+json answer (or a network failure) as an Error the page can show. */
class Problem extends Error {
	/**
	 * @param {number} status
	 * @param {string} title
	 * @param {string} detail
	 * @param {{ type?: string, errors?: FieldError[], operation?: number | null }} [more] the problem's type, its
	 *   field errors, and the index of the failing operation in a transaction or session
	 */
	constructor(status, title, detail, { type = "about:blank", errors = [], operation = null } = {}) {
		super(detail);
		this.status = status;
		this.title = title;
		this.type = type;
		this.errors = errors;
		this.operation = operation;
	}
}

/**
 * @param {Response} response
 * @returns {Promise<Problem>}
 */
async function problemOf(response) {
	/** @type {any} */
	let body = null;
	try {
		body = JSON.parse(await response.text());
	} catch {
		body = null;
	}
	const detail = typeof body?.detail === "string" ? body.detail : `The service answered ${response.status}.`;
	const title = typeof body?.title === "string" ? body.title : response.statusText;
	const type = typeof body?.type === "string" ? body.type : undefined;
	const errors = Array.isArray(body?.errors) ? body.errors : [];
	const operation = Number.isInteger(body?.operation) ? body.operation : null;
	return new Problem(response.status, title, detail, { type, errors, operation });
}

/**
 * A request to the service with the bearer token; a non-2xx answer is thrown as a Problem.
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, headers?: Record<string, string> }} [options]
 * @returns {Promise<Response>}
 */
async function api(method, path, { body, headers = {} } = {}) {
	/** @type {Record<string, string>} */
	const sent = { authorization: `Bearer ${state.token}`, ...headers };
	/** @type {RequestInit} */
	const init = { method, cache: "no-store", headers: sent };
	if (body !== undefined) {
		sent["content-type"] = "application/json";
		init.body = JSON.stringify(body);
	}
	let response;
	try {
		response = await fetch(path, init);
	} catch (error) {
		throw new Problem(0, "No answer", `The service did not answer (${messageOf(error)}). Is it running?`);
	}
	if (!response.ok) throw await problemOf(response);
	return response;
}

/**
 * @param {unknown} error
 * @param {string} type the last part of a problem type, e.g. "session-changed" for /problems/session-changed
 */
const isProblem = (error, type) => error instanceof Problem && error.type.endsWith(`/${type}`);

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @param {string} user_id */
const userPath = (user_id) => `/users/${encodeURIComponent(user_id)}`;

/** @param {Session} session */
const sessionPath = (session) => `/sessions/${encodeURIComponent(session.session_id)}`;

/**
 * @param {number} n
 * @param {string} noun
 */
const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * @param {unknown} error
 * @param {string} [context]
 */
function showProblem(error, context) {
	const problem = error instanceof Problem ? error : new Problem(0, "Error", messageOf(error));
	byId("problem-status", HTMLElement).textContent =
		(problem.status ? `${problem.status} ` : "") + (problem.title || "Error");
	const operation = problem.operation === null ? "" : ` (staged operation ${problem.operation + 1})`;
	byId("problem-detail", HTMLElement).textContent = (context ? `${context}${operation}: ` : "") + problem.message;
	byId("problem-errors", HTMLUListElement).replaceChildren(
		...problem.errors.map((e) => el("li", {}, el("code", {}, String(e.path)), ` ${String(e.message)}`)),
	);
	byId("problem", HTMLElement).hidden = false;
	byId("notice", HTMLElement).textContent = "";
}

function clearProblem() {
	byId("problem", HTMLElement).hidden = true;
}

/** @param {string} text */
function notice(text) {
	clearProblem();
	byId("notice", HTMLElement).textContent = text;
}

/**
 * The token from the address (#token=…), which is then removed from it, or from this tab's storage.
 * @returns {string | null}
 */
function takeToken() {
	const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
	if (match) {
		const rest = location.hash
			.slice(1)
			.split("&")
			.filter((part) => !part.startsWith("token="))
			.join("&");
		history.replaceState(history.state, "", location.pathname + location.search + (rest ? `#${rest}` : ""));
		let token = "";
		try {
			token = decodeURIComponent(match[1]).trim();
		} catch {
			token = match[1];
		}
		if (token) sessionStorage.setItem(TOKEN_KEY, token);
	}
	return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken() {
	state.token = null;
	sessionStorage.removeItem(TOKEN_KEY);
	byId("main", HTMLElement).hidden = true;
	byId("scope", HTMLElement).hidden = true;
	byId("forget", HTMLButtonElement).hidden = true;
	byId("login", HTMLFormElement).hidden = false;
	tokenInput.value = "";
	tokenInput.focus();
}

function pageSize() {
	const n = Math.floor(Number(limitInput.value));
	return n >= 1 && n <= MAX_PAGE_SIZE ? n : DEFAULT_PAGE_SIZE;
}

function query() {
	const form = new FormData(filters);
	const params = new URLSearchParams();
	for (const name of ["user_id_prefix", "q"]) {
		const value = String(form.get(name) || "");
		if (value) params.set(name, value);
	}
	params.set("order", String(form.get("order")));
	params.set("limit", String(pageSize()));
	const cursor = state.cursors[state.cursors.length - 1];
	if (cursor) params.set("cursor", cursor);
	params.set("count", "exact");
	return params;
}

const textView = () => new FormData(filters).get("view") === "text";

/**
 * @param {string} column
 * @param {string | null} value
 */
function cell(column, value) {
	if (value === null) return el("td", { className: column }, el("span", { className: "null" }, "null"));
	return el("td", { className: column }, value);
}

/** @param {ShownRow} shown */
function rowElement({ row, pending }) {
	const tr = el(
		"tr",
		{},
		cell("user_id", row.user_id),
		cell("user_data", row.user_data),
		cell("time_stamp", row.time_stamp),
	);
	tr.dataset.userId = row.user_id;
	if (state.session) {
		const mark = pending ? [el("span", { className: `mark ${pending}` }, pending)] : [];
		tr.prepend(el("td", { className: "pending" }, ...mark));
	}
	if (pending) {
		tr.dataset.pending = pending;
		tr.className = pending;
	}
	if (state.canWrite && pending === "deleted") {
		// The session deletes it already: nothing more to stage on it.
		tr.append(el("td", { className: "actions" }));
	} else if (state.canWrite) {
		const edit = el("button", { type: "button", title: "Edit user_data" }, "Edit");
		const remove = el("button", { type: "button", className: "danger", title: "Delete this row" }, "Delete");
		edit.setAttribute("aria-label", `Edit ${row.user_id}`);
		remove.setAttribute("aria-label", `Delete ${row.user_id}`);
		edit.addEventListener("click", () => startEdit(tr, row));
		remove.addEventListener("click", () => removeRow(row.user_id));
		tr.append(el("td", { className: "actions" }, edit, " ", remove));
	}
	return tr;
}

/** @param {string} text */
function emptyRow(text) {
	const columns = byId("table", HTMLTableElement).querySelectorAll("thead th:not([hidden])").length;
	return el("tr", {}, el("td", { className: "empty", colSpan: columns }, text));
}

/**
 * Code point order, which is SQLite's binary order of UTF-8 text (JavaScript's `<` compares UTF-16 units).
 * @param {string} a
 * @param {string} b
 */
function compareText(a, b) {
	const x = a[Symbol.iterator]();
	const y = b[Symbol.iterator]();
	for (;;) {
		const p = x.next();
		const q = y.next();
		if (p.done || q.done) return Number(!p.done) - Number(!q.done);
		const d = /** @type {number} */ (p.value.codePointAt(0)) - /** @type {number} */ (q.value.codePointAt(0));
		if (d) return d;
	}
}

/**
 * Two rows in a list's order, as the service sorts them (time_stamp ties go by user_id).
 * @param {string} order
 * @param {Row} a
 * @param {Row} b
 */
function compareRows(order, a, b) {
	const d =
		(order.endsWith("time_stamp") ? compareText(a.time_stamp, b.time_stamp) : 0) || compareText(a.user_id, b.user_id);
	return order.startsWith("-") ? -d : d;
}

/**
 * Every row of `path` (a list route) with one of these ids, by id; the ids go in as few requests as fit.
 * @param {string} path
 * @param {string[]} ids
 * @returns {Promise<Map<string, Row>>}
 */
async function rowsById(path, ids) {
	/** @type {URLSearchParams[]} */
	const requests = [];
	let params = new URLSearchParams();
	for (const id of ids) {
		const more = new URLSearchParams(params);
		more.append("user_id", id);
		if (params.has("user_id") && `${path}?${more}`.length > MAX_URL) {
			requests.push(params);
			params = new URLSearchParams([["user_id", id]]);
		} else {
			params = more;
		}
	}
	if (params.has("user_id")) requests.push(params);
	const pages = await Promise.all(
		requests.map(async (request) => {
			request.set("limit", String(request.getAll("user_id").length));
			/** @type {RowPage} */
			const page = await (await api("GET", `${path}?${request}`)).json();
			return page.data;
		}),
	);
	return new Map(pages.flat().map((row) => [row.user_id, row]));
}

/**
 * Committed rows that `session` deletes and that fall on the stretch of the order its `page` covers (from where the
 * page starts to its last row, or on, if it is the last page), to be shown in their place. At most about one page
 * of them is looked for; `more` says there may be others.
 * @param {Session} session
 * @param {URLSearchParams} params the page's query
 * @param {RowPage} page
 * @returns {Promise<{ deleted: Row[], more: boolean }>}
 */
async function deletedRows(session, params, page) {
	const order = String(params.get("order"));
	const stretch = new URLSearchParams(params);
	// The page's cursor works on the committed list too: cursors are keysets of the order, not of a list.
	stretch.delete("count");
	stretch.set("limit", String(Math.min(MAX_PAGE_SIZE, 2 * pageSize())));
	/** @type {RowPage} */
	const committed = await (await api("GET", `/users?${stretch}`)).json();
	const last = page.next_cursor === null ? undefined : page.data[page.data.length - 1];
	const inStretch = committed.data.filter((row) => !last || compareRows(order, row, last) <= 0);
	const shown = new Set(page.data.map((row) => row.user_id));
	const missing = inStretch.filter((row) => !shown.has(row.user_id));
	const more = committed.next_cursor !== null && inStretch.length === committed.data.length;
	if (missing.length === 0) return { deleted: [], more };
	// A row missing here may be elsewhere in the session's order (an update moved its time_stamp), or not match
	// the filters any more (an update changed its user_data): only a row the session has no more is deleted.
	const kept = await rowsById(
		`${sessionPath(session)}/users`,
		missing.map((row) => row.user_id),
	);
	return { deleted: missing.filter((row) => !kept.has(row.user_id)), more };
}

/**
 * A page of the session's view with what the session does to each row: a row that is not committed is new; one
 * whose user_data or time_stamp differs from the committed row is changed; committed rows it deletes are added.
 * @param {Session} session
 * @param {URLSearchParams} params
 * @param {RowPage} page
 * @returns {Promise<{ rows: ShownRow[], deleted: number, more: boolean }>}
 */
async function withPending(session, params, page) {
	const [committed, { deleted, more }] = await Promise.all([
		rowsById(
			"/users",
			page.data.map((row) => row.user_id),
		),
		deletedRows(session, params, page),
	]);
	/** @type {ShownRow[]} */
	const rows = page.data.map((row) => {
		const before = committed.get(row.user_id);
		if (!before) return { row, pending: "new" };
		const same = before.user_data === row.user_data && before.time_stamp === row.time_stamp;
		return { row, pending: same ? null : "changed" };
	});
	const order = String(params.get("order"));
	rows.push(...deleted.map((row) => /** @type {ShownRow} */ ({ row, pending: "deleted" })));
	rows.sort((a, b) => compareRows(order, a.row, b.row));
	return { rows, deleted: deleted.length, more };
}

/**
 * The next cursor from a Link: <?…&cursor=…>; rel="next" header (the text format's paging).
 * @param {string | null} link
 */
function linkCursor(link) {
	const match = /<\?([^>]*)>\s*;\s*rel="next"/.exec(link || "");
	return match ? new URLSearchParams(match[1]).get("cursor") : null;
}

/**
 * @param {number} shown
 * @param {number | null} total
 * @param {string} [more] what else the page shows
 */
function summarize(shown, total, more = "") {
	const first = (state.cursors.length - 1) * pageSize();
	const of = total === null ? "" : ` of ${total}`;
	const summary = byId("summary", HTMLElement);
	if (shown > 0) summary.textContent = `Rows ${first + 1}–${first + shown}${of}${more}`;
	else summary.textContent = (first === 0 ? "No rows match." : `No more rows (${total} in all).`) + more;
	byId("next", HTMLButtonElement).disabled = !state.next;
	byId("previous", HTMLButtonElement).disabled = state.cursors.length < 2;
	byId("first", HTMLButtonElement).disabled = state.cursors.length < 2;
}

/**
 * Show the current page: of the committed table, or of the open session's view with what it changes marked. An
 * answer that arrives after a newer request was sent is dropped.
 */
async function load(attempt = 1) {
	const ticket = ++state.loads;
	const session = state.session;
	const params = query();
	const text = textView();
	if (text) params.set("format", "text");
	try {
		const response = await api("GET", `${session ? `${sessionPath(session)}/users` : "/users"}?${params}`);
		if (ticket !== state.loads) return;
		let shown;
		let total;
		let more = "";
		if (text) {
			const body = await response.text();
			if (ticket !== state.loads) return;
			byId("text", HTMLPreElement).textContent = body || "(no rows)";
			shown = body ? body.split("\n").filter(Boolean).length : 0;
			state.next = linkCursor(response.headers.get("link"));
			const count = response.headers.get("x-total-count");
			total = count === null ? null : Number(count);
		} else {
			/** @type {RowPage} */
			const body = await response.json();
			/** @type {ShownRow[]} */
			let rows = body.data.map((row) => ({ row, pending: null }));
			if (session) {
				const marked = await withPending(session, params, body);
				rows = marked.rows;
				if (marked.deleted > 0) more = ` · ${marked.deleted} deleted${marked.more ? " (there may be more)" : ""}`;
			}
			if (ticket !== state.loads) return;
			byId("pending-head", HTMLTableCellElement).hidden = !session;
			rowsBody.replaceChildren(...rows.map(rowElement));
			if (rows.length === 0) rowsBody.append(emptyRow("No rows."));
			shown = body.data.length;
			state.next = body.next_cursor;
			total = typeof body.total === "number" ? body.total : null;
		}
		byId("table", HTMLTableElement).hidden = text;
		byId("text", HTMLPreElement).hidden = !text;
		summarize(shown, total, more);
		byId("main", HTMLElement).hidden = false;
	} catch (error) {
		if (ticket !== state.loads) return;
		if (error instanceof Problem && error.status === 401) {
			askForToken();
			showProblem(error, "The token was refused");
			return;
		}
		if (session && isProblem(error, "session-changed") && attempt < SESSION_TRIES) {
			await load(attempt + 1);
			return;
		}
		if (session) {
			// Never leave the committed rows, or an older view, on show as if they were the session's.
			byId("pending-head", HTMLTableCellElement).hidden = false;
			rowsBody.replaceChildren(emptyRow("The session's view cannot be shown now."));
			byId("text", HTMLPreElement).textContent = "";
			sessionProblem(error, "Showing the session");
			return;
		}
		showProblem(error, "Listing rows");
	}
}

/** @param {boolean} fromFirstPage */
function reload(fromFirstPage) {
	if (fromFirstPage) state.cursors = [null];
	return load();
}

/** @param {string} token */
async function start(token) {
	state.token = token;
	state.cursors = [null];
	byId("login", HTMLFormElement).hidden = true;
	byId("forget", HTMLButtonElement).hidden = false;
	let scope;
	try {
		// GET /auth says what the token may do, so the page offers writes only to a write token.
		/** @type {{ scope: "read" | "write" }} */
		const answer = await (await api("GET", "/auth")).json();
		scope = answer.scope;
	} catch (error) {
		if (state.token !== token) return;
		if (error instanceof Problem && error.status === 401) {
			askForToken();
			showProblem(error, "The token was refused");
		} else {
			showProblem(error, "Checking the token");
		}
		return;
	}
	if (state.token !== token) return;
	state.canWrite = scope === "write";
	const badge = byId("scope", HTMLElement);
	badge.textContent = state.canWrite ? "read + write" : "read only";
	badge.className = state.canWrite ? "badge write" : "badge";
	badge.hidden = false;
	addForm.hidden = !state.canWrite;
	byId("actions-head", HTMLTableCellElement).hidden = !state.canWrite;
	byId("session", HTMLElement).hidden = !state.canWrite;
	showSession(null);
	if (state.canWrite) await reopenSession();
	if (state.token !== token) return;
	await load();
}

/**
 * The session panel and the session the page works in: `session` open, or none (null).
 * @param {Session | null} session
 */
function showSession(session) {
	state.session = session;
	const open = session !== null;
	if (session) sessionStorage.setItem(SESSION_KEY, session.session_id);
	byId("session", HTMLElement).classList.toggle("open", open);
	byId("session-state", HTMLElement).textContent = open
		? "Open: the table shows the rows as they will be after Commit. Nothing is written until then."
		: "Adds, edits and deletes are written at once. In a session they wait for Commit.";
	const count = byId("session-count", HTMLElement);
	count.textContent = session ? plural(session.operations, "staged operation") : "";
	count.hidden = !open;
	const expiry = byId("session-expiry", HTMLElement);
	expiry.textContent = session
		? `expires ${new Date(session.expires_at).toLocaleString()} (each change extends it)`
		: "";
	expiry.hidden = !open;
	byId("session-start", HTMLButtonElement).hidden = open;
	byId("session-commit", HTMLButtonElement).hidden = !open;
	byId("session-rollback", HTMLButtonElement).hidden = !open;
	byId("add-title", HTMLElement).textContent = open ? "Add a row to the session" : "Add a row";
}

/** Back to the committed table, forgetting the session. */
function leaveSession() {
	sessionStorage.removeItem(SESSION_KEY);
	showSession(null);
	state.cursors = [null];
}

/**
 * The session this tab works in (its id is in the tab's storage, so this is how a reload returns to it), as it is
 * now; one that has expired, or was committed or rolled back elsewhere, is dropped quietly.
 */
async function reopenSession() {
	const id = sessionStorage.getItem(SESSION_KEY);
	if (!id) return;
	try {
		/** @type {Session} */
		const session = await (await api("GET", `/sessions/${encodeURIComponent(id)}`)).json();
		if (session.state === "open") showSession(session);
		else leaveSession();
	} catch (error) {
		if (error instanceof Problem && error.status === 404) leaveSession();
		else showProblem(error, "Reopening the session");
	}
}

/**
 * A failed session request shown; when the session is gone (404: expired or rolled back elsewhere; committed
 * elsewhere), the page goes back to the committed table. Any other 409 leaves it open: a staged operation meets
 * the table as it is now, and the problem says which.
 * @param {unknown} error
 * @param {string} context
 */
function sessionProblem(error, context) {
	const gone = (error instanceof Problem && error.status === 404) || isProblem(error, "session-committed");
	if (!gone || !state.session) {
		showProblem(error, context);
		return;
	}
	leaveSession();
	showProblem(error, `${context}; the session is over, so the table shows the committed rows again`);
	load();
}

/**
 * Stage operations in the open session (nothing is written); its answer has the new count.
 * @param {unknown[]} operations
 */
async function stage(operations) {
	const session = /** @type {Session} */ (state.session);
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await api("POST", `${sessionPath(session)}/operations`, { body: { operations } });
			/** @type {Session} */
			const staged = await response.json();
			if (state.session?.session_id === staged.session_id) showSession(staged);
			return;
		} catch (error) {
			// A refused request stages nothing, so sending it again cannot stage it twice.
			if (!isProblem(error, "session-changed") || attempt >= SESSION_TRIES) throw error;
		}
	}
}

/** @param {HTMLButtonElement} button */
async function startSession(button) {
	button.disabled = true;
	try {
		/** @type {Session} */
		const session = await (await api("POST", "/sessions")).json();
		showSession(session);
		state.cursors = [null];
		notice("Session started: adds, edits and deletes are staged in it until Commit.");
		addUserId.focus();
		await load();
	} catch (error) {
		showProblem(error, "Starting a session");
	} finally {
		button.disabled = false;
	}
}

/** @param {HTMLButtonElement} button */
async function commitSession(button) {
	const session = state.session;
	if (!session) return;
	button.disabled = true;
	try {
		/** @type {{ results: unknown[] | null }} */
		const committed = await (await api("POST", `${sessionPath(session)}/commit`)).json();
		leaveSession();
		// results is null when the first commit's answer was lost; the commit itself was not.
		notice(`Committed ${plural(committed.results?.length ?? session.operations, "operation")}.`);
		byId("session-start", HTMLButtonElement).focus();
		await load();
	} catch (error) {
		sessionProblem(error, "Committing");
		// Operations staged meanwhile (elsewhere) are not committed unseen: the view shows them first.
		if (isProblem(error, "session-changed")) await reopenSession().then(() => load());
	} finally {
		button.disabled = false;
	}
}

/** @param {HTMLButtonElement} button */
async function rollBackSession(button) {
	const session = state.session;
	if (!session) return;
	if (session.operations > 0 && !confirm(`Roll back: discard ${plural(session.operations, "staged operation")}?`)) {
		return;
	}
	button.disabled = true;
	try {
		await api("DELETE", sessionPath(session));
	} catch (error) {
		// 404: it has expired, or was rolled back elsewhere; either way nothing of it is left, as asked.
		if (!(error instanceof Problem && error.status === 404)) {
			sessionProblem(error, "Rolling back");
			return;
		}
	} finally {
		button.disabled = false;
	}
	leaveSession();
	notice("Rolled back: nothing was written.");
	byId("session-start", HTMLButtonElement).focus();
	await load();
}

/**
 * Put the keyboard back on a row's Edit button after its editor closes or the page reloads.
 * @param {string} user_id
 */
function focusEdit(user_id) {
	const tr = Array.from(rowsBody.rows).find((row) => row.dataset.userId === user_id);
	const button = tr?.querySelector("td.actions button");
	if (button instanceof HTMLButtonElement) button.focus();
}

/**
 * Edit a row's user_data in place: in a session, the row as the session shows it, staged as an update; otherwise the
 * committed row, written with If-Match so that a change made meanwhile is not overwritten.
 * @param {HTMLTableRowElement} tr
 * @param {Row} shown
 */
async function startEdit(tr, shown) {
	const { user_id } = shown;
	const dataCell = tr.querySelector("td.user_data");
	if (!dataCell) return;
	let row = shown;
	let etag = "";
	if (!state.session) {
		let response;
		try {
			response = await api("GET", userPath(user_id));
		} catch (error) {
			showProblem(error, `Reading '${user_id}'`);
			return;
		}
		row = await response.json();
		etag = response.headers.get("etag") ?? "";
	}
	const input = el("input", {
		name: "user_data",
		value: row.user_data ?? "",
		placeholder: row.user_data === null ? "null" : "",
		maxLength: addUserData.maxLength,
	});
	input.setAttribute("aria-label", `user_data of ${user_id}`);
	const save = el("button", { type: "submit", className: "primary" }, "Save");
	const cancel = el("button", { type: "button" }, "Cancel");
	const form = el("form", {}, input, save, cancel);
	const restore = () => {
		dataCell.replaceChildren(...cell("user_data", row.user_data).childNodes);
		focusEdit(user_id);
	};
	cancel.addEventListener("click", restore);
	form.addEventListener("keydown", (event) => {
		if (event.key === "Escape") {
			event.preventDefault();
			restore();
		}
	});
	form.addEventListener("submit", async (event) => {
		event.preventDefault();
		save.disabled = true;
		try {
			if (state.session) {
				await stage([{ op: "update", rows: [{ user_id, user_data: input.value }] }]);
				notice(`Staged editing '${user_id}'.`);
			} else {
				await api("PATCH", userPath(user_id), { body: { user_data: input.value }, headers: { "if-match": etag } });
				notice(`Saved '${user_id}'.`);
			}
			await load();
			focusEdit(user_id);
		} catch (error) {
			if (state.session) sessionProblem(error, `Staging the edit of '${user_id}'`);
			else showProblem(error, `Saving '${user_id}'`);
			save.disabled = false;
		}
	});
	dataCell.replaceChildren(form);
	input.focus();
	input.select();
}

/**
 * Delete a row: in a session, staged (Roll back undoes it, so no question is asked); otherwise after confirming.
 * @param {string} user_id
 */
async function removeRow(user_id) {
	if (state.session) {
		try {
			await stage([{ op: "delete", user_ids: [user_id] }]);
			notice(`Staged deleting '${user_id}'.`);
			await load();
		} catch (error) {
			sessionProblem(error, `Staging the delete of '${user_id}'`);
		}
		return;
	}
	if (!confirm(`Delete the row '${user_id}'?`)) return;
	try {
		await api("DELETE", userPath(user_id));
		notice(`Deleted '${user_id}'.`);
		await load();
	} catch (error) {
		showProblem(error, `Deleting '${user_id}'`);
	}
}

addForm.addEventListener("submit", async (event) => {
	event.preventDefault();
	const user_id = addUserId.value;
	const row = { user_id, user_data: addUserData.value };
	try {
		if (state.session) await stage([{ op: "insert", rows: [row] }]);
		else await api("POST", "/users", { body: row });
		addForm.reset();
		addUserId.focus();
		notice(state.session ? `Staged adding '${user_id}'.` : `Added '${user_id}'.`);
		await load();
	} catch (error) {
		if (state.session) sessionProblem(error, `Staging the add of '${user_id}'`);
		else showProblem(error, `Adding '${user_id}'`);
	}
});

filters.addEventListener("submit", (event) => {
	event.preventDefault();
	clearTimeout(state.debounce);
	reload(true);
});
filters.addEventListener("input", (event) => {
	clearTimeout(state.debounce);
	const target = event.target;
	if ((target instanceof HTMLInputElement && target.type === "radio") || target instanceof HTMLSelectElement) {
		reload(true);
	} else {
		state.debounce = setTimeout(() => reload(true), 250);
	}
});

byId("next", HTMLButtonElement).addEventListener("click", () => {
	if (!state.next) return;
	state.cursors.push(state.next);
	load();
});
byId("previous", HTMLButtonElement).addEventListener("click", () => {
	if (state.cursors.length > 1) state.cursors.pop();
	load();
});
byId("first", HTMLButtonElement).addEventListener("click", () => reload(true));
byId("problem-close", HTMLButtonElement).addEventListener("click", clearProblem);
for (const [id, action] of /** @type {const} */ ([
	["session-start", startSession],
	["session-commit", commitSession],
	["session-rollback", rollBackSession],
])) {
	const button = byId(id, HTMLButtonElement);
	button.addEventListener("click", () => action(button));
}
byId("forget", HTMLButtonElement).addEventListener("click", () => {
	clearProblem();
	askForToken();
});
byId("login", HTMLFormElement).addEventListener("submit", (event) => {
	event.preventDefault();
	const token = tokenInput.value.trim();
	if (!token) return;
	sessionStorage.setItem(TOKEN_KEY, token);
	clearProblem();
	start(token);
});

document.addEventListener("keydown", (event) => {
	const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName ?? "");
	if (event.key === "/" && !typing && !byId("main", HTMLElement).hidden) {
		event.preventDefault();
		prefixInput.focus();
	}
});

const token = takeToken();
if (token) start(token);
else askForToken();
