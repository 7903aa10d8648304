#!/usr/bin/env node
// npm run demo: replays the SQLAlchemy tutorial ("Use SQLAlchemy to write data to a database table")
// against a running userdata service, step by step, printing each request and the rows it leaves. The tutorial's
// Session steps (add, look before commit(), commit() or rollback()) go through a session (POST /sessions …).
//
//   USERDATA_URL    the service (default http://localhost:8787)
//   USERDATA_TOKEN  a write token (default: WRITE_TOKEN= from .dev.vars in the project root)
//
// It works only on the tutorial's six ids and never changes any other row.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BASE = (process.env.USERDATA_URL || "http://localhost:8787").replace(/\/+$/, "");
const IDS = ["Brad", "Larry", "Jane", "Barbra", "Jessa", "Ed"];
const ONLY_OURS = IDS.map((id) => `user_id=${encodeURIComponent(id)}`).join("&");
const START_HINT = "start it with npm start in another terminal";

class DemoError extends Error {}

/** Why fetch could not connect, e.g. ECONNREFUSED. */
const reason = (error) => error.cause?.code ?? error.cause?.errors?.[0]?.code ?? error.cause?.message ?? error.message;

const unreachable = (error) =>
	fail(`Cannot reach the userdata service at ${BASE} (${reason(error)}). Is it running? ${START_HINT}.`);

function fail(message) {
	throw new DemoError(message);
}

let token;
let tokenSource = "USERDATA_TOKEN";
let bookmark;

/** The write token: USERDATA_TOKEN, else the first WRITE_TOKEN in .dev.vars. */
function writeToken() {
	if (process.env.USERDATA_TOKEN) return process.env.USERDATA_TOKEN.trim();
	let vars;
	try {
		vars = readFileSync(path.join(ROOT, ".dev.vars"), "utf8");
	} catch {
		return fail(
			`No write token: set USERDATA_TOKEN=<a write token>, or ${START_HINT} — it creates ` +
				`${path.join(ROOT, ".dev.vars")} with fresh tokens, which the demo then reads.`,
		);
	}
	const line = vars.split(/\r?\n/).find((l) => /^\s*WRITE_TOKEN\s*=/.test(l));
	const value = line
		?.slice(line.indexOf("=") + 1)
		.trim()
		.replace(/^(["'])(.*)\1$/, "$2")
		.split(",")[0]
		.trim();
	if (!value) return fail(`No WRITE_TOKEN= line in ${path.join(ROOT, ".dev.vars")}; set USERDATA_TOKEN instead.`);
	tokenSource = `WRITE_TOKEN in ${path.join(ROOT, ".dev.vars")}`;
	return value;
}

/** One request to the service; prints its request line, and fails unless the status is the expected one. */
async function send(method, target, { body, expect, accept, quiet = false } = {}) {
	const headers = { authorization: `Bearer ${token}` };
	if (accept) headers.accept = accept;
	if (bookmark) headers["x-d1-bookmark"] = bookmark;
	if (body !== undefined) headers["content-type"] = "application/json";
	const payload = body === undefined ? undefined : JSON.stringify(body);
	if (!quiet) console.log(`> ${method} ${target}${payload ? ` ${payload}` : ""}`);
	let res;
	try {
		res = await fetch(BASE + target, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
	} catch (error) {
		return unreachable(error);
	}
	bookmark = res.headers.get("x-d1-bookmark") ?? bookmark;
	const text = await res.text();
	const type = res.headers.get("content-type") ?? "";
	const data = /json/.test(type) && text ? JSON.parse(text) : text;
	if (!quiet) {
		const shown = typeof data === "string" ? "" : ` ${JSON.stringify(data)}`;
		console.log(`< ${res.status} ${res.statusText}${shown.length > 400 ? `${shown.slice(0, 400)}…` : shown}`);
	}
	if (res.status === 401)
		fail(
			`The service refused the token from ${tokenSource} (401): set USERDATA_TOKEN to one of the service's write tokens.`,
		);
	if (res.status === 403) fail(`The token from ${tokenSource} may only read (403): the demo needs a write token.`);
	if (expect !== undefined && res.status !== expect) {
		fail(`${method} ${target} answered ${res.status}, expected ${expect}: ${text}`);
	}
	return { status: res.status, data, headers: res.headers };
}

/** Fail unless `actual` deep-equals `expected`. */
function check(what, actual, expected) {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) fail(`${what}: got ${a}, expected ${e}`);
}

/**
 * The tutorial's rows as the service prints them (text/plain), with the request that reads them: the committed
 * table (GET /users), or with `session` the table as that session's commit would leave it (its pending view).
 */
async function show(note = "the tutorial's rows now", session = undefined) {
	const target = `${session ? `/sessions/${session}` : ""}/users?${ONLY_OURS}&format=text`;
	const { data } = await send("GET", target, { expect: 200, quiet: true });
	console.log(`  ${note} (GET ${target}):`);
	const lines = data.split("\n").filter(Boolean);
	console.log(lines.length ? lines.map((l) => `    ${l}`).join("\n") : "    (no rows)");
	return lines;
}

/** Open a session (the tutorial's Session(engine)); its id. */
async function openSession() {
	const opened = await send("POST", "/sessions", { expect: 201 });
	console.log(`  session ${opened.data.session_id} is open (Location: ${opened.headers.get("location")})`);
	return opened.data.session_id;
}

/** Stage operations in a session; nothing is applied until it commits. */
async function stage(session, operations) {
	return (await send("POST", `/sessions/${session}/operations`, { body: { operations }, expect: 200 })).data;
}

/** The tutorial's rows as JSON, to check what a step did. */
async function rows() {
	const { data } = await send("GET", `/users?${ONLY_OURS}`, { expect: 200, quiet: true });
	return data.data;
}

const pairs = (list) => list.map((r) => [r.user_id, r.user_data]);

function step(title, text) {
	console.log(`\n${title}`);
	if (text) console.log(`  ${text}`);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function main() {
	token = writeToken();
	console.log(`userdata demo: the SQLAlchemy tutorial, replayed over HTTP against ${BASE}`);
	console.log(`It works on the tutorial's ids only: ${IDS.join(", ")}.`);
	console.log("First it removes those six rows if they exist; it does not touch any other row.\n");

	let health;
	try {
		const res = await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(10_000) });
		health = { status: res.status, body: await res.text() };
	} catch (error) {
		unreachable(error);
	}
	if (health.status !== 200) {
		fail(`The service at ${BASE} is not ready (GET /healthz answered ${health.status}: ${health.body}).`);
	}

	step("## Start from a clean slate", "Delete the tutorial's rows left by an earlier run, and only those.");
	const cleared = await send("DELETE", `/users?${ONLY_OURS}`, { expect: 200 });
	console.log(`  removed ${cleared.data.count} earlier row(s)`);
	check("rows left after the clean-up", await rows(), []);

	step(
		"### Start a session",
		"session = Session(engine): POST /sessions opens one. What it stages waits there until commit().",
	);
	const session = await openSession();

	step("## Write some records", "session.add(Userdata(...)) for Brad, Larry and Jane: one staged insert each.");
	for (const [user_id, user_data] of [
		["Brad", "Brad's data"],
		["Larry", "Data for Larry"],
		["Jane", "More data"],
	]) {
		await stage(session, [{ op: "insert", rows: [{ user_id, user_data }] }]);
	}
	check("rows written so far", await rows(), []);
	await show("nothing is written yet; the session's pending view", session);

	const add_list = [
		{ user_id: "Barbra", user_data: "Data for Barbra" },
		{ user_id: "Jessa", user_data: "Jessas data" },
		{ user_id: "Ed", user_data: "Ed has lots of data" },
	];
	step("## Write records in bulk", "session.execute(insert(Userdata), add_list): one staged insert of the three rows.");
	const staged = await stage(session, [{ op: "insert", rows: add_list }]);
	check("staged operations and rows", [staged.operations, staged.rows], [4, 6]);

	step(
		"### Data persistence: the pending rows before commit()",
		"The table is still empty, but the session's view (its select()) shows the six rows a commit would write:",
	);
	check("committed rows before the commit", (await show("the table, committed rows only")).length, 0);
	check("pending rows", (await show("the session's view", session)).length, 6);

	step("### session.commit()", "POST /sessions/{id}/commit applies everything staged, in order, atomically:");
	const committed = await send("POST", `/sessions/${session}/commit`, { expect: 200 });
	check("commit results", committed.data.results, [{ count: 1 }, { count: 1 }, { count: 1 }, { count: 3 }]);
	check("rows after the commit", (await show("the six rows, committed (select(Userdata))")).length, 6);

	step("### Update object returned by select()", "Brad's user_data set to 'Changed data'; time_stamp moves.");
	await pause();
	const changed = await send("PATCH", "/users/Brad", { body: { user_data: "Changed data" }, expect: 200 });
	check("Brad", changed.data.user_data, "Changed data");
	await show();

	step("### Use the update() function", "update(Userdata).where(Userdata.user_id == 'Brad').values(...)");
	await pause();
	const again = await send("PATCH", "/users?user_id=Brad", { body: { user_data: "Changed again" }, expect: 200 });
	check("rows updated", again.data.count, 1);
	await show();

	step(
		"### Bulk updates",
		"update(Userdata).values(user_data='Mass update') with no where() is refused unless it says all=true:",
	);
	// Shown as a dry run, so that even a service that wrongly accepted it would change nothing.
	const refused = await send("POST", "/transactions", {
		body: { dry_run: true, operations: [{ op: "update_where", set: { user_data: "Mass update" } }] },
		expect: 422,
	});
	console.log(`  refused: ${refused.data.detail}`);
	console.log(
		"  PATCH /users?all=true would change every row of the table; on a shared database the demo\n" +
			"  changes only the tutorial's rows, by naming them:",
	);
	await pause();
	const mass = await send("PATCH", `/users?${ONLY_OURS}`, { body: { user_data: "Mass update" }, expect: 200 });
	check("rows updated", mass.data.count, 6);
	await show();

	step("### Bulk updates by primary key", "session.execute(update(Userdata), change_list)");
	await pause();
	const byKey = await send("PATCH", "/users", {
		body: [
			{ user_id: "Brad", user_data: "bulk data for Brad" },
			{ user_id: "Larry", user_data: "Larry's  bulk data" },
		],
		expect: 200,
	});
	check("rows updated", byKey.data.count, 2);
	await show();

	step(
		"### session.delete_all([brad, larry]), then session.rollback()",
		"In a session: stage the delete of both, look at the view, then roll back with DELETE /sessions/{id}.\n" +
			"  (The tutorial does this after deleting Brad; here it comes first, so that both rows are there.)",
	);
	const keep = await rows();
	const deleting = await openSession();
	await stage(deleting, [{ op: "delete", user_ids: ["Brad", "Larry"] }]);
	check("the view without Brad and Larry", (await show("the session's view", deleting)).length, 4);
	await send("DELETE", `/sessions/${deleting}`, { expect: 204 });
	check("rows after the rollback", await rows(), keep);
	await show("rolled back: nothing was deleted, Brad and Larry are still there");

	step("## Deleting rows: select Brad, session.delete(brad), commit()");
	await send("DELETE", "/users/Brad", { expect: 204 });
	const gone = await send("GET", "/users/Brad", { expect: 404 });
	console.log(`  ${gone.data.detail}`);
	await show();

	step(
		"### A bulk update by primary key that names a missing row",
		"Brad is gone, so this changes nothing at all, not even Larry:",
	);
	const before = await rows();
	const missing = await send("PATCH", "/users", {
		body: [
			{ user_id: "Larry", user_data: "never written" },
			{ user_id: "Brad", user_data: "never written" },
		],
		expect: 404,
	});
	check("missing ids", missing.data.user_ids, ["Brad"]);
	check("rows after the refused update", await rows(), before);
	await show();

	step(
		"### delete_all then rollback(), in one request",
		"POST /transactions deletes Larry, then its check on Brad (deleted above) fails, so it all rolls back:",
	);
	const rolledBack = await send("POST", "/transactions", {
		body: {
			operations: [
				{ op: "delete", user_ids: ["Larry"] },
				{ op: "expect", user_id: "Brad", exists: true },
			],
		},
		expect: 409,
	});
	check("the failing operation", rolledBack.data.operation, 1);
	console.log(`  ${rolledBack.data.detail}; Larry is still there:`);
	check("rows after the rollback", await rows(), before);
	await show();

	step("### Using the delete() function", "delete(Userdata).where(Userdata.user_id == 'Larry')");
	const larry = await send("DELETE", "/users?user_id=Larry", { expect: 200 });
	check("rows deleted", larry.data.count, 1);
	await show();

	step(
		"### delete(Userdata).where(Userdata.user_data == 'Mass update'), then session.rollback()",
		"In a session: its view shows the rows such a delete would leave; a dry-run commit says it would succeed.",
	);
	const kept = await rows();
	const where = { user_id: IDS, user_data: "Mass update" };
	const massDelete = await openSession();
	await stage(massDelete, [{ op: "delete_where", where }]);
	check("the view after the delete", (await show("the session's view", massDelete)).length, 0);
	const wouldCommit = await send("POST", `/sessions/${massDelete}/commit?dry_run=true`, { expect: 200 });
	check("dry-run commit", wouldCommit.data, { dry_run: true, ok: true });
	await send("DELETE", `/sessions/${massDelete}`, { expect: 204 });
	check("rows after the rollback", await rows(), kept);
	await show("rolled back: nothing was deleted");

	step(
		"### The same as a dry run, in one request",
		"POST /transactions with dry_run: it runs against the live rows, answers whether it would succeed, and rolls back.",
	);
	const dry = await send("POST", "/transactions", {
		body: { dry_run: true, operations: [{ op: "delete_where", where }] },
		expect: 200,
	});
	check("dry run", dry.data.dry_run, true);
	check("rows after the dry run", await rows(), kept);
	console.log("  it would succeed, and nothing was deleted. A dry run that would fail names the operation:");
	const dryFail = await send("POST", "/transactions", {
		body: {
			dry_run: true,
			operations: [
				{ op: "delete_where", where },
				{ op: "expect", user_id: "Jane", exists: true },
			],
		},
		expect: 409,
	});
	check("the failing operation", dryFail.data.operation, 1);
	console.log(`  ${dryFail.data.detail}`);
	check("rows after the failing dry run", await rows(), kept);

	step("## Improve printing ORM Mapping Classes", "print(x) for each row, with the tutorial's __repr__:");
	const final = await show("the final table");
	check("the final rows", pairs(await rows()), [
		["Barbra", "Mass update"],
		["Ed", "Mass update"],
		["Jane", "Mass update"],
		["Jessa", "Mass update"],
	]);
	check("final lines", final.length, 4);
	console.log("\nDone: every step answered as the tutorial expects. Run it again to start over.");
}

main().catch((error) => {
	if (error instanceof DemoError) {
		console.error(`\ndemo failed: ${error.message}`);
	} else {
		console.error(error);
	}
	process.exit(1);
});
