// @ts-check
// The viewer's browser script (GET / loads it as a module from /viewer.js). No framework: every value from the
// service reaches the page as text (textContent, text nodes), never as markup.

/** @typedef {{ user_id: string, user_data: string | null, time_stamp: string }} Row */
/** @typedef {{ path: unknown, message: unknown }} FieldError */

const TOKEN_KEY = "userdata.token";

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
	 * @param {FieldError[]} [errors]
	 */
	constructor(status, title, detail, errors = []) {
		super(detail);
		this.status = status;
		this.title = title;
		this.errors = errors;
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
	const errors = Array.isArray(body?.errors) ? body.errors : [];
	return new Problem(response.status, title, detail, errors);
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

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @param {string} user_id */
const userPath = (user_id) => `/users/${encodeURIComponent(user_id)}`;

/**
 * @param {unknown} error
 * @param {string} [context]
 */
function showProblem(error, context) {
	const problem = error instanceof Problem ? error : new Problem(0, "Error", messageOf(error));
	byId("problem-status", HTMLElement).textContent =
		(problem.status ? `${problem.status} ` : "") + (problem.title || "Error");
	byId("problem-detail", HTMLElement).textContent = (context ? `${context}: ` : "") + problem.message;
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

/** @param {Row} row */
function rowElement(row) {
	const tr = el(
		"tr",
		{},
		cell("user_id", row.user_id),
		cell("user_data", row.user_data),
		cell("time_stamp", row.time_stamp),
	);
	tr.dataset.userId = row.user_id;
	if (state.canWrite) {
		const edit = el("button", { type: "button", title: "Edit user_data" }, "Edit");
		const remove = el("button", { type: "button", className: "danger", title: "Delete this row" }, "Delete");
		edit.setAttribute("aria-label", `Edit ${row.user_id}`);
		remove.setAttribute("aria-label", `Delete ${row.user_id}`);
		edit.addEventListener("click", () => startEdit(tr, row.user_id));
		remove.addEventListener("click", () => removeRow(row.user_id));
		tr.append(el("td", { className: "actions" }, edit, " ", remove));
	}
	return tr;
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
 */
function summarize(shown, total) {
	const first = (state.cursors.length - 1) * pageSize();
	const of = total === null ? "" : ` of ${total}`;
	const summary = byId("summary", HTMLElement);
	if (shown > 0) summary.textContent = `Rows ${first + 1}–${first + shown}${of}`;
	else summary.textContent = first === 0 ? "No rows match." : `No more rows (${total} in all).`;
	byId("next", HTMLButtonElement).disabled = !state.next;
	byId("previous", HTMLButtonElement).disabled = state.cursors.length < 2;
	byId("first", HTMLButtonElement).disabled = state.cursors.length < 2;
}

/** Show the current page; an answer that arrives after a newer request was sent is dropped. */
async function load() {
	const ticket = ++state.loads;
	const params = query();
	const text = textView();
	if (text) params.set("format", "text");
	try {
		const response = await api("GET", `/users?${params}`);
		if (ticket !== state.loads) return;
		let shown;
		let total;
		if (text) {
			const body = await response.text();
			if (ticket !== state.loads) return;
			byId("text", HTMLPreElement).textContent = body || "(no rows)";
			shown = body ? body.split("\n").filter(Boolean).length : 0;
			state.next = linkCursor(response.headers.get("link"));
			const count = response.headers.get("x-total-count");
			total = count === null ? null : Number(count);
		} else {
			/** @type {{ data: Row[], next_cursor: string | null, total?: number }} */
			const body = await response.json();
			if (ticket !== state.loads) return;
			rowsBody.replaceChildren(...body.data.map(rowElement));
			if (body.data.length === 0) {
				rowsBody.append(el("tr", {}, el("td", { className: "empty", colSpan: 4 }, "No rows.")));
			}
			shown = body.data.length;
			state.next = body.next_cursor;
			total = typeof body.total === "number" ? body.total : null;
		}
		byId("table", HTMLTableElement).hidden = text;
		byId("text", HTMLPreElement).hidden = !text;
		summarize(shown, total);
		byId("main", HTMLElement).hidden = false;
	} catch (error) {
		if (ticket !== state.loads) return;
		if (error instanceof Problem && error.status === 401) {
			askForToken();
			showProblem(error, "The token was refused");
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
 * @param {HTMLTableRowElement} tr
 * @param {string} user_id
 */
async function startEdit(tr, user_id) {
	const dataCell = tr.querySelector("td.user_data");
	if (!dataCell) return;
	let response;
	try {
		response = await api("GET", userPath(user_id));
	} catch (error) {
		showProblem(error, `Reading '${user_id}'`);
		return;
	}
	/** @type {Row} */
	const row = await response.json();
	const etag = response.headers.get("etag") ?? "";
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
			await api("PATCH", userPath(user_id), { body: { user_data: input.value }, headers: { "if-match": etag } });
			notice(`Saved '${user_id}'.`);
			await load();
			focusEdit(user_id);
		} catch (error) {
			showProblem(error, `Saving '${user_id}'`);
			save.disabled = false;
		}
	});
	dataCell.replaceChildren(form);
	input.focus();
	input.select();
}

/** @param {string} user_id */
async function removeRow(user_id) {
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
	try {
		await api("POST", "/users", { body: { user_id, user_data: addUserData.value } });
		addForm.reset();
		addUserId.focus();
		notice(`Added '${user_id}'.`);
		await load();
	} catch (error) {
		showProblem(error, `Adding '${user_id}'`);
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
