// The SQLAlchemy tutorial ("Use SQLAlchemy to write data to a database table"), step by step, through HTTP.
// The steps run in order and share one database: each starts from the state the one before left.
import { describe, expect, it } from "vitest";
import { call, json, table } from "./client";

type Row = { user_id: string; user_data: string | null; time_stamp: string };

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TUTORIAL_IDS = ["Brad", "Larry", "Jane", "Barbra", "Jessa", "Ed"];

/** Time stamps have millisecond precision: wait so that the next write gets a later one. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const tx = (operations: unknown[], extra: Record<string, unknown> = {}) =>
	json("/transactions", { method: "POST", body: { operations, ...extra } });

/** An RFC 9457 problem with this status, its body agreeing with the HTTP status. */
function expectProblem(r: { status: number; body: any; res: Response }, status: number) {
	expect(r.status).toBe(status);
	expect(r.res.headers.get("content-type")).toBe("application/problem+json");
	expect(r.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
	expect(r.body.detail).toEqual(expect.any(String));
}

// The tutorial's __repr__, written here independently of the service's formatter:
// f"user_id={self.user_id:8}user_data={self.user_data:22}time_stamp={self.time_stamp.strftime('%B %d %H:%M')}"
const MONTHS = "January February March April May June July August September October November December".split(" ");
const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - [...s].length));
const two = (n: number) => String(n).padStart(2, "0");
function repr(row: Row): string {
	const t = new Date(row.time_stamp);
	const when = `${MONTHS[t.getUTCMonth()]} ${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
	return `user_id=${pad(row.user_id, 8)}user_data=${pad(row.user_data ?? "null", 22)}time_stamp=${when}`;
}
const reprLines = (rows: Row[]) => rows.map((row) => `${repr(row)}\n`).join("");

const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.user_id, r]));
const pairs = (rows: Row[]) => rows.map((r) => [r.user_id, r.user_data]);

/** A path's text/plain answers, asked for both ways: by Accept and by ?format=text. */
async function textAnswers(path: string): Promise<string[]> {
	const byAccept = await call(path, { headers: { accept: "text/plain" } });
	const byQuery = await call(`${path}${path.includes("?") ? "&" : "?"}format=text`);
	const texts: string[] = [];
	for (const r of [byAccept, byQuery]) {
		expect(r.status).toBe(200);
		expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
		texts.push(await r.text());
	}
	return texts;
}

/** A path's text/plain answer: the same whichever way it is asked for. */
async function textOf(path: string): Promise<string> {
	const [byAccept, byQuery] = await textAnswers(path);
	expect(byQuery).toBe(byAccept);
	return byAccept;
}

// The tutorial's session (session = Session(engine)) as the service keeps it: POST /sessions, then stage and commit.
const stage = (id: string, operations: unknown[]) =>
	json(`/sessions/${id}/operations`, { method: "POST", body: { operations } });

async function openSession(): Promise<string> {
	const r = await json("/sessions", { method: "POST" });
	expect(r.status).toBe(201);
	expect(r.body).toMatchObject({ state: "open", operations: 0, rows: 0 });
	expect(r.res.headers.get("location")).toBe(`/sessions/${r.body.session_id}`);
	return r.body.session_id;
}

/** The session's pending view as JSON (GET /sessions/{id}/users): the table as a commit now would leave it. */
async function pendingRows(id: string): Promise<Row[]> {
	const r = await json<{ data: Row[]; next_cursor: string | null }>(`/sessions/${id}/users`);
	expect(r.status).toBe(200);
	expect(r.body.next_cursor).toBeNull();
	return r.body.data;
}

/**
 * The pending view's text/plain answer, each line the __repr__ of its row. A pending row's time_stamp is the time of
 * the read (as the tutorial's select() flushes and stamps), so each line is checked against the JSON view read just
 * before and just after it: a minute may turn in between.
 */
async function pendingText(id: string): Promise<string> {
	const before = await pendingRows(id);
	const texts = await textAnswers(`/sessions/${id}/users`);
	const after = await pendingRows(id);
	expect(pairs(after)).toEqual(pairs(before));
	for (const text of texts) {
		const lines = text.split("\n");
		expect(lines.pop()).toBe("");
		expect(lines).toHaveLength(before.length);
		for (const [i, line] of lines.entries()) expect([repr(before[i]), repr(after[i])]).toContain(line);
	}
	return texts[0];
}

describe("the SQLAlchemy tutorial, through HTTP", () => {
	// Time stamps seen so far, to show that each write moves them forward.
	const stamps: Record<string, string> = {};
	// The session the first steps stage into, opened by the first step.
	let session = "";
	const added: [string, string][] = [
		["Brad", "Brad's data"],
		["Larry", "Data for Larry"],
		["Jane", "More data"],
	];
	const add_list = [
		{ user_id: "Barbra", user_data: "Data for Barbra" },
		{ user_id: "Jessa", user_data: "Jessas data" },
		{ user_id: "Ed", user_data: "Ed has lots of data" },
	];

	it("### Start a session: session = Session(engine) (POST /sessions)", async () => {
		expect(await table()).toEqual([]);
		session = await openSession();
		const r = await json(`/sessions/${session}`);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ session_id: session, state: "open", operations: 0, rows: 0 });
		expect(r.body.created_at).toMatch(ISO_MS);
		expect(r.body.expires_at > r.body.created_at).toBe(true);
		expect(await pendingRows(session)).toEqual([]);
		expect(await pendingText(session)).toBe("");
	});

	it("## Write some records: Brad, Larry and Jane staged one by one (session.add), nothing written yet", async () => {
		for (const [i, [user_id, user_data]] of added.entries()) {
			const r = await stage(session, [{ op: "insert", rows: [{ user_id, user_data }] }]);
			expect(r.status).toBe(200);
			expect(r.res.headers.get("content-type")).toMatch(/^application\/json/);
			expect(r.body).toMatchObject({ session_id: session, state: "open", operations: i + 1, rows: i + 1 });
			// Staged, not written: the table and GET /users are still empty.
			expect(await table()).toEqual([]);
			expect((await json("/users")).body.data).toEqual([]);
			expect(await textOf("/users")).toBe("");
			// The session's view shows the rows added so far, in user_id order.
			const pending = await pendingRows(session);
			expect(pairs(pending)).toEqual(added.slice(0, i + 1).sort(([a], [b]) => (a < b ? -1 : 1)));
			for (const row of pending) expect(row.time_stamp).toMatch(ISO_MS);
			expect(await pendingText(session)).toContain(`user_id=${user_id.padEnd(8)}user_data=${user_data}`);
		}
	});

	it("## Write records in bulk: Barbra, Jessa and Ed staged in one request (session.execute(insert(Userdata), add_list))", async () => {
		const r = await stage(session, [{ op: "insert", rows: add_list }]);
		expect(r.status).toBe(200);
		// One operation more, three rows more.
		expect(r.body).toMatchObject({ state: "open", operations: 4, rows: 6 });
		expect(await table()).toEqual([]);
	});

	it("### Data persistence: before commit() GET /users is empty, while the session's view shows the six rows", async () => {
		const listed = await json<{ data: Row[]; next_cursor: string | null }>("/users?count=exact");
		expect(listed.status).toBe(200);
		expect(listed.body).toMatchObject({ data: [], next_cursor: null, total: 0 });
		expect(await textOf("/users")).toBe("");
		expect(await table()).toEqual([]);

		const before = Date.now();
		const pending = await pendingRows(session);
		expect(pairs(pending)).toEqual([
			["Barbra", "Data for Barbra"],
			["Brad", "Brad's data"],
			["Ed", "Ed has lots of data"],
			["Jane", "More data"],
			["Jessa", "Jessas data"],
			["Larry", "Data for Larry"],
		]);
		// A pending row's time_stamp is the time of the read, as the tutorial's select() flushes and stamps them.
		for (const row of pending) {
			expect(row.time_stamp).toMatch(ISO_MS);
			expect(Math.abs(Date.parse(row.time_stamp) - before)).toBeLessThan(60_000);
		}
		const counted = await json(`/sessions/${session}/users?count=exact`);
		expect(counted.body.total).toBe(6);
		// The same filters as GET /users: the view of the bulk rows alone.
		const bulk = await json<{ data: Row[] }>(`/sessions/${session}/users?user_id=Barbra&user_id=Jessa&user_id=Ed`);
		expect(pairs(bulk.body.data)).toEqual([
			["Barbra", "Data for Barbra"],
			["Ed", "Ed has lots of data"],
			["Jessa", "Jessas data"],
		]);

		const text = await pendingText(session);
		const lines = text.trimEnd().split("\n");
		expect(lines).toHaveLength(6);
		expect(lines[0]).toMatch(/^user_id=Barbra {2}user_data=Data for Barbra {7}time_stamp=[A-Z][a-z]+ \d\d \d\d:\d\d$/);
		expect(lines[2]).toMatch(/^user_id=Ed {6}user_data=Ed has lots of data {3}time_stamp=/);
		// Reading the view wrote nothing.
		expect(await table()).toEqual([]);
		expect(await textOf("/users")).toBe("");
	});

	it("### session.commit() (POST /sessions/{id}/commit): GET /users shows the six rows", async () => {
		const before = Date.now();
		const r = await json(`/sessions/${session}/commit`, { method: "POST" });
		expect(r.status).toBe(200);
		// One result per staged operation: three single inserts, then the bulk one.
		expect(r.body).toEqual({ state: "committed", results: [{ count: 1 }, { count: 1 }, { count: 1 }, { count: 3 }] });
		expect((await json(`/sessions/${session}`)).body).toMatchObject({ state: "committed", operations: 4, rows: 6 });

		const rows = await table();
		expect(pairs(rows)).toEqual([
			["Barbra", "Data for Barbra"],
			["Brad", "Brad's data"],
			["Ed", "Ed has lots of data"],
			["Jane", "More data"],
			["Jessa", "Jessas data"],
			["Larry", "Data for Larry"],
		]);
		for (const row of rows) {
			// Set by the database at the commit: ISO 8601, UTC, milliseconds, and about now.
			expect(row.time_stamp).toMatch(ISO_MS);
			expect(new Date(row.time_stamp).toISOString()).toBe(row.time_stamp);
			expect(Math.abs(Date.parse(row.time_stamp) - before)).toBeLessThan(60_000);
			stamps[row.user_id] = row.time_stamp;
		}
		expect((await json<{ data: Row[] }>("/users")).body.data).toEqual(rows);
		expect(await textOf("/users")).toBe(reprLines(rows));
		// Each row is there by its id, as its Location would name it.
		for (const row of rows) expect(await json<Row>(`/users/${row.user_id}`)).toMatchObject({ status: 200, body: row });

		// Committing again answers the same and writes nothing; staging more is refused.
		expect(await json(`/sessions/${session}/commit`, { method: "POST" })).toMatchObject({ status: 200, body: r.body });
		expectProblem(await stage(session, [{ op: "delete", user_ids: ["Brad"] }]), 409);
		expect(await table()).toEqual(rows);
	});

	it("a second insert of an existing id is refused (409) and changes nothing", async () => {
		const before = await table();
		const r = await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Other data" } });
		expectProblem(r, 409);
		expect(r.body.user_ids).toEqual(["Brad"]);
		expect(await table()).toEqual(before);
	});

	it("### Data persistence, the one-request form: a transaction sees its own pending rows before commit()", async () => {
		const before = await table();
		// Insert a row and read it back in the same transaction: the select sees the pending write.
		const r = await tx([
			{ op: "insert", rows: [{ user_id: "Pending", user_data: "not committed yet" }] },
			{ op: "select", where: { user_id: ["Pending"] } },
			{ op: "select", where: {} },
			{ op: "delete", user_ids: ["Pending"] },
			{ op: "select", where: { user_id: ["Pending"] } },
		]);
		expect(r.status).toBe(200);
		expect(r.body.results).toHaveLength(5);
		expect(r.body.results[0]).toEqual({ count: 1 });
		expect(r.body.results[1].data).toEqual([
			{ user_id: "Pending", user_data: "not committed yet", time_stamp: expect.stringMatching(ISO_MS) },
		]);
		// All seven rows, as the tutorial's select() shows its six pending ones.
		expect(r.body.results[2].data.map((x: Row) => x.user_id)).toEqual([
			"Barbra",
			"Brad",
			"Ed",
			"Jane",
			"Jessa",
			"Larry",
			"Pending",
		]);
		expect(r.body.results[3]).toEqual({ count: 1 });
		expect(r.body.results[4]).toEqual({ data: [] });
		expect(await table()).toEqual(before);
	});

	it("### Data persistence, the one-request form: a failed transaction's pending insert is never seen afterwards (rollback)", async () => {
		const before = await table();
		const r = await tx([
			{ op: "insert", rows: [{ user_id: "Pending", user_data: "rolled back" }] },
			{ op: "select", where: { user_id: ["Pending"] } },
			// This fails, because the pending row exists inside the transaction.
			{ op: "expect", user_id: "Pending", exists: false },
		]);
		expectProblem(r, 409);
		expect(r.body.operation).toBe(2);
		expect(r.body.user_ids).toEqual(["Pending"]);
		expect(r.body.actual).toMatchObject({ user_id: "Pending", user_data: "rolled back" });
		const gone = await json("/users/Pending");
		expectProblem(gone, 404);
		expect(gone.body.detail).toBe("User 'Pending' does not exist");
		expect(await table()).toEqual(before);
	});

	it("reads back the six rows (select(Userdata)), as JSON and in the __repr__ layout", async () => {
		const rows = await table();
		const r = await json<{ data: Row[]; next_cursor: string | null }>("/users");
		expect(r.status).toBe(200);
		expect(r.body.next_cursor).toBeNull();
		expect(r.body.data).toEqual(rows);
		expect(pairs(r.body.data)).toEqual([
			["Barbra", "Data for Barbra"],
			["Brad", "Brad's data"],
			["Ed", "Ed has lots of data"],
			["Jane", "More data"],
			["Jessa", "Jessas data"],
			["Larry", "Data for Larry"],
		]);
		for (const row of r.body.data) expect(row.time_stamp).toBe(stamps[row.user_id]);

		const expected = reprLines(rows);
		const byAccept = await call("/users", { headers: { accept: "text/plain" } });
		expect(byAccept.status).toBe(200);
		expect(byAccept.headers.get("content-type")).toMatch(/^text\/plain/);
		expect(await byAccept.text()).toBe(expected);
		const byQuery = await call("/users?format=text");
		expect(byQuery.status).toBe(200);
		expect(byQuery.headers.get("content-type")).toMatch(/^text\/plain/);
		const text = await byQuery.text();
		expect(text).toBe(expected);
		// The columns, as the tutorial lays them out.
		expect(text.split("\n")[0]).toMatch(
			/^user_id=Barbra {2}user_data=Data for Barbra {7}time_stamp=[A-Z][a-z]+ \d\d \d\d:\d\d$/,
		);
		expect(text.split("\n")[2]).toMatch(/^user_id=Ed {6}user_data=Ed has lots of data {3}time_stamp=/);
	});

	it("## Update records: Brad's data changed after select() (PATCH /users/Brad), time_stamp advances", async () => {
		await tick();
		const others = (await table()).filter((x) => x.user_id !== "Brad");
		const r = await json<Row>("/users/Brad", { method: "PATCH", body: { user_data: "Changed data" } });
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ user_id: "Brad", user_data: "Changed data" });
		expect(r.body.time_stamp).toMatch(ISO_MS);
		expect(r.body.time_stamp > stamps.Brad).toBe(true);
		expect(r.res.headers.get("etag")).toBeTruthy();
		const rows = await table();
		expect(byId(rows).Brad).toEqual(r.body);
		expect(rows.filter((x) => x.user_id !== "Brad")).toEqual(others);
		stamps.Brad = r.body.time_stamp;
	});

	it("the tutorial's else branch: a missing row is \"User '…' does not exist\" (404), nothing changes", async () => {
		const before = await table();
		const r = await json("/users/Nobody", { method: "PATCH", body: { user_data: "Changed data" } });
		expectProblem(r, 404);
		expect(r.body.detail).toBe("User 'Nobody' does not exist");
		expect(r.body.user_ids).toEqual(["Nobody"]);
		expect(await table()).toEqual(before);
	});

	it("### Use the update() function: update(Userdata).where(user_id == 'Brad') (PATCH /users?user_id=Brad)", async () => {
		await tick();
		const others = (await table()).filter((x) => x.user_id !== "Brad");
		const r = await json("/users?user_id=Brad", { method: "PATCH", body: { user_data: "Changed again" } });
		expect(r).toMatchObject({ status: 200, body: { count: 1 } });
		const rows = await table();
		expect(byId(rows).Brad.user_data).toBe("Changed again");
		expect(byId(rows).Brad.time_stamp).toMatch(ISO_MS);
		expect(byId(rows).Brad.time_stamp > stamps.Brad).toBe(true);
		expect(rows.filter((x) => x.user_id !== "Brad")).toEqual(others);
		stamps.Brad = byId(rows).Brad.time_stamp;
		// A filtered update that matches no row is not an error: it changes nothing.
		const none = await json("/users?user_id=Nobody", { method: "PATCH", body: { user_data: "x" } });
		expect(none).toMatchObject({ status: 200, body: { count: 0 } });
		expect(await table()).toEqual(rows);
	});

	it("### Bulk updates: update(Userdata) without where() is refused unless all=true (422)", async () => {
		const before = await table();
		for (const path of ["/users", "/users?all=false"]) {
			const r = await json(path, { method: "PATCH", body: { user_data: "Mass update" } });
			expectProblem(r, 422);
		}
		expect(await table()).toEqual(before);
	});

	it("### Bulk updates: update(Userdata).values(user_data='Mass update') (PATCH /users?all=true)", async () => {
		await tick();
		const before = await table();
		const r = await json("/users?all=true", { method: "PATCH", body: { user_data: "Mass update" } });
		expect(r).toMatchObject({ status: 200, body: { count: 6 } });
		const rows = await table();
		expect(rows.map((x) => x.user_id)).toEqual(before.map((x) => x.user_id));
		for (const row of rows) {
			expect(row.user_data).toBe("Mass update");
			expect(row.time_stamp).toMatch(ISO_MS);
			expect(row.time_stamp > byId(before)[row.user_id].time_stamp).toBe(true);
			stamps[row.user_id] = row.time_stamp;
		}
	});

	it("### Bulk updates by primary key: session.execute(update(Userdata), change_list) (PATCH /users with an array)", async () => {
		await tick();
		const before = await table();
		const change_list = [
			{ user_id: "Brad", user_data: "bulk data for Brad" },
			{ user_id: "Larry", user_data: "Larry's  bulk data" },
		];
		const r = await json("/users", { method: "PATCH", body: change_list });
		expect(r).toMatchObject({ status: 200, body: { count: 2 } });
		const rows = await table();
		expect(byId(rows).Brad.user_data).toBe("bulk data for Brad");
		expect(byId(rows).Larry.user_data).toBe("Larry's  bulk data");
		for (const id of ["Brad", "Larry"]) {
			expect(byId(rows)[id].time_stamp > byId(before)[id].time_stamp).toBe(true);
			stamps[id] = byId(rows)[id].time_stamp;
		}
		expect(rows.filter((x) => !["Brad", "Larry"].includes(x.user_id))).toEqual(
			before.filter((x) => !["Brad", "Larry"].includes(x.user_id)),
		);
	});

	it("a bulk update naming a missing id is refused (404, user_ids) and changes none of the rows", async () => {
		await tick();
		const before = await table();
		const r = await json("/users", {
			method: "PATCH",
			body: [
				{ user_id: "Brad", user_data: "never written" },
				{ user_id: "Nobody", user_data: "never written" },
				{ user_id: "Larry", user_data: "never written" },
			],
		});
		expectProblem(r, 404);
		expect(r.body.user_ids).toEqual(["Nobody"]);
		expect(r.body.detail).toContain("Nobody");
		expect(await table()).toEqual(before);
	});

	it("### Selecting and deleting rows: session.delete_all([brad, larry]) in a session, its view lacks them; rollback() keeps both", async () => {
		// The tutorial runs this after deleting Brad, when its select() no longer finds him; here it comes first, so
		// that the rollback has both rows to keep. (The one-request form, after Brad's delete, is further down.)
		const before = await table();
		expect(before.map((x) => x.user_id)).toEqual(expect.arrayContaining(["Brad", "Larry"]));
		const id = await openSession();
		const r = await stage(id, [{ op: "delete", user_ids: ["Brad", "Larry"] }]);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ state: "open", operations: 1, rows: 2 });
		const others = before.filter((x) => !["Brad", "Larry"].includes(x.user_id));
		// The view lacks them, the other rows as they are (a delete stamps nothing); GET /users still has them.
		expect(await pendingRows(id)).toEqual(others);
		expect(await textOf(`/sessions/${id}/users`)).toBe(reprLines(others));
		expect(await textOf("/users")).toBe(reprLines(before));
		expect(await table()).toEqual(before);

		// session.rollback(): DELETE /sessions/{id} discards what it staged, and the session is gone.
		const rolled = await call(`/sessions/${id}`, { method: "DELETE" });
		expect(rolled.status).toBe(204);
		expect(await rolled.text()).toBe("");
		for (const path of [`/sessions/${id}`, `/sessions/${id}/users`]) {
			const gone = await json(path);
			expectProblem(gone, 404);
			expect(gone.body.type).toBe("/problems/session-not-found");
		}
		expectProblem(await json(`/sessions/${id}/commit`, { method: "POST" }), 404);
		// Both still there, unchanged.
		expect(await table()).toEqual(before);
		expect(await textOf("/users")).toBe(reprLines(before));
		for (const user_id of ["Brad", "Larry"]) expect((await json(`/users/${user_id}`)).status).toBe(200);
	});

	it("## Deleting rows: select Brad and session.delete(brad) (DELETE /users/Brad)", async () => {
		const before = await table();
		const r = await call("/users/Brad", { method: "DELETE" });
		expect(r.status).toBe(204);
		expect(await r.text()).toBe("");
		const gone = await json("/users/Brad");
		expectProblem(gone, 404);
		expect(gone.body.detail).toBe("User 'Brad' does not exist");
		expect(await table()).toEqual(before.filter((x) => x.user_id !== "Brad"));
		// Deleting it again: it does not exist.
		const again = await json("/users/Brad", { method: "DELETE" });
		expectProblem(again, 404);
		expect(again.body.user_ids).toEqual(["Brad"]);
	});

	it("session.delete_all([brad, larry]) then rollback(), the one-request form: a failing transaction deletes nothing", async () => {
		const before = await table();
		expect(before.map((x) => x.user_id)).toContain("Larry");
		const r = await tx([
			{ op: "delete", user_ids: ["Larry"] },
			// Brad was deleted in the step before, so this fails and the delete of Larry rolls back.
			{ op: "expect", user_id: "Brad", exists: true },
		]);
		expectProblem(r, 409);
		expect(r.body.operation).toBe(1);
		expect(r.body.user_ids).toEqual(["Brad"]);
		expect(r.body.actual).toBeNull();
		// The same delete, naming both ids: Brad is missing, so the whole operation fails.
		const both = await tx([{ op: "delete", user_ids: ["Brad", "Larry"] }]);
		expectProblem(both, 404);
		expect(both.body.operation).toBe(0);
		expect(both.body.user_ids).toEqual(["Brad"]);
		expect(await table()).toEqual(before);
		expect((await json("/users/Larry")).status).toBe(200);
	});

	it("### Using the delete() function: delete(Userdata).where(user_id == 'Larry') (DELETE /users?user_id=Larry)", async () => {
		const before = await table();
		const r = await json("/users?user_id=Larry", { method: "DELETE" });
		expect(r).toMatchObject({ status: 200, body: { count: 1 } });
		expect(await table()).toEqual(before.filter((x) => x.user_id !== "Larry"));
		expectProblem(await json("/users/Larry"), 404);
	});

	it("delete(Userdata).where(user_data == 'Mass update') then rollback(), in a session: the view is empty, nothing is deleted", async () => {
		const before = await table();
		expect(before.filter((x) => x.user_data === "Mass update")).toHaveLength(4);
		const id = await openSession();
		expect((await stage(id, [{ op: "delete_where", where: { user_data: "Mass update" } }])).status).toBe(200);
		// Every row left is a "Mass update" one, so the view is empty.
		const counted = await json(`/sessions/${id}/users?count=exact`);
		expect(counted).toMatchObject({ status: 200, body: { data: [], next_cursor: null, total: 0 } });
		expect(await textOf(`/sessions/${id}/users`)).toBe("");
		// A dry-run commit answers that it would succeed, and commits nothing.
		const dry = await json(`/sessions/${id}/commit?dry_run=true`, { method: "POST" });
		expect(dry).toMatchObject({ status: 200, body: { dry_run: true, ok: true } });
		expect((await json(`/sessions/${id}`)).body.state).toBe("open");
		expect(await table()).toEqual(before);
		expect((await call(`/sessions/${id}`, { method: "DELETE" })).status).toBe(204);
		expect(await table()).toEqual(before);
		expect(await textOf("/users")).toBe(reprLines(before));
	});

	it("delete(Userdata).where(user_data == 'Mass update') then rollback(), the one-request form: a dry run deletes nothing", async () => {
		const before = await table();
		expect(before.filter((x) => x.user_data === "Mass update")).toHaveLength(4);
		const r = await tx([{ op: "delete_where", where: { user_data: "Mass update" } }], { dry_run: true });
		expect(r.status).toBe(200);
		expect(r.res.headers.get("content-type")).toMatch(/^application\/json/);
		expect(r.body.dry_run).toBe(true);
		// Counts are optional in a dry run's answer; when given, they must be right.
		if (r.body.results !== undefined) expect(r.body.results).toEqual([{ count: 4 }]);
		expect(await table()).toEqual(before);

		// A dry run that would fail names the failing operation, and also changes nothing.
		const failing = await tx(
			[
				{ op: "delete_where", where: { user_data: "Mass update" } },
				{ op: "expect", user_id: "Jane", exists: true },
			],
			{ dry_run: true },
		);
		expectProblem(failing, 409);
		expect(failing.body).toMatchObject({ dry_run: true, operation: 1, user_ids: ["Jane"] });
		expect(await table()).toEqual(before);
	});

	it("## Improve printing: the final table, printed in the __repr__ layout", async () => {
		const rows = await table();
		expect(pairs(rows)).toEqual([
			["Barbra", "Mass update"],
			["Ed", "Mass update"],
			["Jane", "Mass update"],
			["Jessa", "Mass update"],
		]);
		for (const row of rows) expect(row.time_stamp).toBe(stamps[row.user_id]);
		const r = await call("/users?format=text");
		expect(r.status).toBe(200);
		expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
		const text = await r.text();
		expect(text).toBe(reprLines(rows));
		const lines = text.trimEnd().split("\n");
		expect(lines).toHaveLength(4);
		// user_data padded to 22 as the __repr__ says (`:22`); the tutorial's printed output shows 21.
		for (const [i, id] of ["Barbra", "Ed", "Jane", "Jessa"].entries()) {
			expect(lines[i]).toMatch(
				new RegExp(`^user_id=${id.padEnd(8)}user_data=Mass update {11}time_stamp=\\w+ \\d\\d \\d\\d:\\d\\d$`),
			);
		}
		// The same rows, selected by the tutorial's ids.
		const query = TUTORIAL_IDS.map((id) => `user_id=${id}`).join("&");
		const selected = await call(`/users?${query}&format=text`);
		expect(await selected.text()).toBe(text);
	});
});
