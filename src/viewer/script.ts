// The viewer's browser script, inlined under the page's CSP nonce. Plain ES2020, no framework:
// every value from the service reaches the page as text (textContent), never as markup.
export const script = String.raw`
"use strict";
(() => {
	const TOKEN_KEY = "userdata.token";
	const $ = (id) => document.getElementById(id);
	const filters = $("filters");
	const addForm = $("add");
	const state = { token: null, canWrite: false, cursors: [null], next: null, loads: 0, debounce: 0 };

	/** An element with properties and children; strings become text nodes. */
	function el(tag, props, ...children) {
		const node = Object.assign(document.createElement(tag), props || {});
		node.append(...children);
		return node;
	}

	/** A problem+json answer (or a network failure) as an Error the page can show. */
	class Problem extends Error {
		constructor(status, title, detail, errors) {
			super(detail);
			this.status = status;
			this.title = title;
			this.errors = errors || [];
		}
	}

	async function problemOf(response) {
		let body = null;
		try {
			body = JSON.parse(await response.text());
		} catch (_) {
			body = null;
		}
		const detail = body && typeof body.detail === "string" ? body.detail : "The service answered " + response.status + ".";
		const title = body && typeof body.title === "string" ? body.title : response.statusText;
		const errors = body && Array.isArray(body.errors) ? body.errors : [];
		return new Problem(response.status, title, detail, errors);
	}

	/** A request to the service with the bearer token; a non-2xx answer is thrown as a Problem. */
	async function api(method, path, options) {
		const { body, headers } = options || {};
		const init = { method, cache: "no-store", headers: Object.assign({ authorization: "Bearer " + state.token }, headers) };
		if (body !== undefined) {
			init.headers["content-type"] = "application/json";
			init.body = JSON.stringify(body);
		}
		let response;
		try {
			response = await fetch(path, init);
		} catch (error) {
			throw new Problem(0, "No answer", "The service did not answer (" + error.message + "). Is it running?");
		}
		if (!response.ok) throw await problemOf(response);
		return response;
	}

	const userPath = (user_id) => "/users/" + encodeURIComponent(user_id);

	function showProblem(error, context) {
		const problem = error instanceof Problem ? error : new Problem(0, "Error", String(error && error.message));
		$("problem-status").textContent = (problem.status ? problem.status + " " : "") + (problem.title || "Error");
		$("problem-detail").textContent = (context ? context + ": " : "") + problem.message;
		$("problem-errors").replaceChildren(
			...problem.errors.map((e) => el("li", {}, el("code", {}, String(e.path)), " " + String(e.message))),
		);
		$("problem").hidden = false;
		$("notice").textContent = "";
	}

	function clearProblem() {
		$("problem").hidden = true;
	}

	function notice(text) {
		clearProblem();
		$("notice").textContent = text;
	}

	/** The token from the address (#token=…), which is then removed from it, or from this tab's storage. */
	function takeToken() {
		const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
		if (match) {
			const rest = location.hash.slice(1).split("&").filter((part) => !part.startsWith("token=")).join("&");
			history.replaceState(history.state, "", location.pathname + location.search + (rest ? "#" + rest : ""));
			let token = "";
			try {
				token = decodeURIComponent(match[1]).trim();
			} catch (_) {
				token = match[1];
			}
			if (token) sessionStorage.setItem(TOKEN_KEY, token);
		}
		return sessionStorage.getItem(TOKEN_KEY);
	}

	function askForToken() {
		state.token = null;
		sessionStorage.removeItem(TOKEN_KEY);
		$("main").hidden = true;
		$("scope").hidden = true;
		$("forget").hidden = true;
		$("login").hidden = false;
		$("token").value = "";
		$("token").focus();
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

	function pageSize() {
		const n = Math.floor(Number(filters.elements.limit.value));
		return n >= 1 && n <= 1000 ? n : 25;
	}

	const textView = () => new FormData(filters).get("view") === "text";

	function cell(column, value) {
		if (value === null) return el("td", { className: column }, el("span", { className: "null" }, "null"));
		return el("td", { className: column }, value);
	}

	function rowElement(row) {
		const tr = el("tr", {}, cell("user_id", row.user_id), cell("user_data", row.user_data), cell("time_stamp", row.time_stamp));
		tr.dataset.userId = row.user_id;
		if (state.canWrite) {
			const edit = el("button", { type: "button", title: "Edit user_data" }, "Edit");
			const remove = el("button", { type: "button", className: "danger", title: "Delete this row" }, "Delete");
			edit.setAttribute("aria-label", "Edit " + row.user_id);
			remove.setAttribute("aria-label", "Delete " + row.user_id);
			edit.addEventListener("click", () => startEdit(tr, row.user_id));
			remove.addEventListener("click", () => removeRow(row.user_id));
			tr.append(el("td", { className: "actions" }, edit, " ", remove));
		}
		return tr;
	}

	/** The next cursor from a Link: <?…&cursor=…>; rel="next" header (the text format's paging). */
	function linkCursor(link) {
		const match = /<\?([^>]*)>\s*;\s*rel="next"/.exec(link || "");
		return match ? new URLSearchParams(match[1]).get("cursor") : null;
	}

	function summarize(shown, total) {
		const first = (state.cursors.length - 1) * pageSize();
		const of = total === null ? "" : " of " + total;
		if (shown > 0) $("summary").textContent = "Rows " + (first + 1) + "–" + (first + shown) + of;
		else $("summary").textContent = first === 0 ? "No rows match." : "No more rows (" + total + " in all).";
		$("next").disabled = !state.next;
		$("previous").disabled = state.cursors.length < 2;
		$("first").disabled = state.cursors.length < 2;
	}

	/** Show the current page; an answer that arrives after a newer request was sent is dropped. */
	async function load() {
		const ticket = ++state.loads;
		const params = query();
		const text = textView();
		if (text) params.set("format", "text");
		try {
			const response = await api("GET", "/users?" + params);
			if (ticket !== state.loads) return;
			let shown;
			let total;
			if (text) {
				const body = await response.text();
				if (ticket !== state.loads) return;
				$("text").textContent = body || "(no rows)";
				shown = body ? body.split("\n").filter(Boolean).length : 0;
				state.next = linkCursor(response.headers.get("link"));
				const count = response.headers.get("x-total-count");
				total = count === null ? null : Number(count);
			} else {
				const body = await response.json();
				if (ticket !== state.loads) return;
				$("rows").replaceChildren(...body.data.map(rowElement));
				if (body.data.length === 0) {
					$("rows").append(el("tr", {}, el("td", { className: "empty", colSpan: 4 }, "No rows.")));
				}
				shown = body.data.length;
				state.next = body.next_cursor;
				total = typeof body.total === "number" ? body.total : null;
			}
			$("table").hidden = text;
			$("text").hidden = !text;
			summarize(shown, total);
			$("main").hidden = false;
		} catch (error) {
			if (ticket !== state.loads) return;
			if (error.status === 401) {
				askForToken();
				showProblem(error, "The token was refused");
				return;
			}
			showProblem(error, "Listing rows");
		}
	}

	function reload(fromFirstPage) {
		if (fromFirstPage) state.cursors = [null];
		return load();
	}

	/** Whether the token has the write scope: an empty insert changes nothing: 422 with a write token, 403 with a read one. */
	async function probeWriteScope() {
		try {
			await api("POST", "/users", { body: [] });
			return true;
		} catch (error) {
			return error.status === 422;
		}
	}

	async function start(token) {
		state.token = token;
		state.cursors = [null];
		$("login").hidden = true;
		$("forget").hidden = false;
		state.canWrite = await probeWriteScope();
		if (state.token !== token) return;
		$("scope").textContent = state.canWrite ? "read + write" : "read only";
		$("scope").className = state.canWrite ? "badge write" : "badge";
		$("scope").hidden = false;
		addForm.hidden = !state.canWrite;
		$("actions-head").hidden = !state.canWrite;
		await load();
	}

	/** Put the keyboard back on a row's Edit button after its editor closes or the page reloads. */
	function focusEdit(user_id) {
		const tr = Array.from($("rows").rows).find((row) => row.dataset.userId === user_id);
		const button = tr && tr.querySelector("td.actions button");
		if (button) button.focus();
	}

	async function startEdit(tr, user_id) {
		const dataCell = tr.querySelector("td.user_data");
		let response;
		try {
			response = await api("GET", userPath(user_id));
		} catch (error) {
			showProblem(error, "Reading '" + user_id + "'");
			return;
		}
		const row = await response.json();
		const etag = response.headers.get("etag");
		const input = el("input", { name: "user_data", value: row.user_data === null ? "" : row.user_data, placeholder: row.user_data === null ? "null" : "" });
		input.setAttribute("aria-label", "user_data of " + user_id);
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
				notice("Saved '" + user_id + "'.");
				await load();
				focusEdit(user_id);
			} catch (error) {
				showProblem(error, "Saving '" + user_id + "'");
				save.disabled = false;
			}
		});
		dataCell.replaceChildren(form);
		input.focus();
		input.select();
	}

	async function removeRow(user_id) {
		if (!confirm("Delete the row '" + user_id + "'?")) return;
		try {
			await api("DELETE", userPath(user_id));
			notice("Deleted '" + user_id + "'.");
			await load();
		} catch (error) {
			showProblem(error, "Deleting '" + user_id + "'");
		}
	}

	addForm.addEventListener("submit", async (event) => {
		event.preventDefault();
		const form = new FormData(addForm);
		const user_id = String(form.get("user_id"));
		try {
			await api("POST", "/users", { body: { user_id, user_data: String(form.get("user_data")) } });
			addForm.reset();
			addForm.elements.user_id.focus();
			notice("Added '" + user_id + "'.");
			await load();
		} catch (error) {
			showProblem(error, "Adding '" + user_id + "'");
		}
	});

	filters.addEventListener("submit", (event) => {
		event.preventDefault();
		clearTimeout(state.debounce);
		reload(true);
	});
	filters.addEventListener("input", (event) => {
		clearTimeout(state.debounce);
		if (event.target.type === "radio" || event.target.tagName === "SELECT") reload(true);
		else state.debounce = setTimeout(() => reload(true), 250);
	});

	$("next").addEventListener("click", () => {
		if (!state.next) return;
		state.cursors.push(state.next);
		load();
	});
	$("previous").addEventListener("click", () => {
		if (state.cursors.length > 1) state.cursors.pop();
		load();
	});
	$("first").addEventListener("click", () => reload(true));
	$("problem-close").addEventListener("click", clearProblem);
	$("forget").addEventListener("click", () => {
		clearProblem();
		askForToken();
	});
	$("login").addEventListener("submit", (event) => {
		event.preventDefault();
		const token = $("token").value.trim();
		if (!token) return;
		sessionStorage.setItem(TOKEN_KEY, token);
		clearProblem();
		start(token);
	});

	document.addEventListener("keydown", (event) => {
		const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
		if (event.key === "/" && !typing && !$("main").hidden) {
			event.preventDefault();
			filters.elements.user_id_prefix.focus();
		}
	});

	const token = takeToken();
	if (token) start(token);
	else askForToken();
})();
`;
