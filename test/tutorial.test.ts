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

describe("the SQLAlchemy tutorial, through HTTP", () => {
	// Time stamps seen so far, to show that each write moves them forward.
	const stamps: Record<string, string> = {};

	it("## Write some records: Brad, Larry and Jane, one by one (session.add)", async () => {
		expect(await table()).toEqual([]);
		const added: [string, string][] = [
			["Brad", "Brad's data"],
			["Larry", "Data for Larry"],
			["Jane", "More data"],
		];
		for (const [user_id, user_data] of added) {
			const before = Date.now();
			const r = await json<Row>("/users", { method: "POST", body: { user_id, user_data } });
			expect(r.status).toBe(201);
			expect(r.res.headers.get("content-type")).toMatch(/^application\/json/);
			expect(r.res.headers.get("location")).toBe(`/users/${user_id}`);
			expect(r.res.headers.get("etag")).toBeTruthy();
			expect(Object.keys(r.body).sort()).toEqual(["time_stamp", "user_data", "user_id"]);
			expect(r.body).toMatchObject({ user_id, user_data });
			// Set by the database: ISO 8601, UTC, milliseconds, and about now.
			expect(r.body.time_stamp).toMatch(ISO_MS);
			expect(new Date(r.body.time_stamp).toISOString()).toBe(r.body.time_stamp);
			expect(Math.abs(Date.parse(r.body.time_stamp) - before)).toBeLessThan(60_000);
			// The row the service answered is the row the database holds.
			expect((await table()).find((x) => x.user_id === user_id)).toEqual(r.body);
			// The Location names the row.
			const again = await json<Row>(r.res.headers.get("location")!);
			expect(again).toMatchObject({ status: 200, body: r.body });
			stamps[user_id] = r.body.time_stamp;
			await tick();
		}
		expect(stamps.Brad < stamps.Larry && stamps.Larry < stamps.Jane).toBe(true);
		expect(pairs(await table())).toEqual([
			["Brad", "Brad's data"],
			["Jane", "More data"],
			["Larry", "Data for Larry"],
		]);
	});

	it("a second insert of an existing id is refused (409) and changes nothing", async () => {
		const before = await table();
		const r = await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Other data" } });
		expectProblem(r, 409);
		expect(r.body.user_ids).toEqual(["Brad"]);
		expect(await table()).toEqual(before);
	});

	it("## Write records in bulk: Barbra, Jessa and Ed (session.execute(insert(Userdata), add_list))", async () => {
		const add_list = [
			{ user_id: "Barbra", user_data: "Data for Barbra" },
			{ user_id: "Jessa", user_data: "Jessas data" },
			{ user_id: "Ed", user_data: "Ed has lots of data" },
		];
		const r = await json<{ count: number; data: Row[] }>("/users", { method: "POST", body: add_list });
		expect(r.status).toBe(201);
		expect(r.body.count).toBe(3);
		expect(r.body.data).toHaveLength(3);
		expect(byId(r.body.data).Barbra).toMatchObject(add_list[0]);
		expect(byId(r.body.data).Jessa).toMatchObject(add_list[1]);
		expect(byId(r.body.data).Ed).toMatchObject(add_list[2]);
		for (const row of r.body.data) {
			expect(row.time_stamp).toMatch(ISO_MS);
			expect(row.time_stamp >= stamps.Jane).toBe(true);
			stamps[row.user_id] = row.time_stamp;
		}
		const rows = await table();
		expect(rows).toHaveLength(6);
		for (const row of r.body.data) expect(byId(rows)[row.user_id]).toEqual(row);
	});

	it("### Data persistence: a transaction sees its own pending rows before commit()", async () => {
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

	it("### Data persistence: a failed transaction's pending insert is never seen afterwards (rollback)", async () => {
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

	it("session.delete_all([brad, larry]) then rollback(): a failing transaction deletes nothing", async () => {
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

	it("delete(Userdata).where(user_data == 'Mass update') then rollback(): a dry run deletes nothing", async () => {
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
