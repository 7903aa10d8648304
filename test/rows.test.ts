// Single-row and bulk endpoints of /users, through HTTP.
import { beforeEach, describe, expect, it } from "vitest";
import { call, clearTable, json, READ, table } from "./client";

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const tick = () => new Promise((r) => setTimeout(r, 3));

beforeEach(clearTable);

describe("POST /users", () => {
	it("inserts one row: 201, the row, Location and ETag, time_stamp from the database", async () => {
		const before = new Date().toISOString();
		const r = await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Brad's data" } });
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ user_id: "Brad", user_data: "Brad's data" });
		expect(r.body.time_stamp).toMatch(ISO_MS);
		expect(r.body.time_stamp >= before.slice(0, 19)).toBe(true);
		expect(r.res.headers.get("location")).toBe("/users/Brad");
		expect(r.res.headers.get("etag")).toMatch(/^"[^"]+"$/);
		expect(await table()).toEqual([r.body]);
	});

	it("inserts an array atomically: 201 {count, data}", async () => {
		const rows = [
			{ user_id: "Barbra", user_data: "Data for Barbra" },
			{ user_id: "Jessa", user_data: "Jessas data" },
			{ user_id: "Ed", user_data: null },
		];
		const r = await json("/users", { method: "POST", body: rows });
		expect(r.status).toBe(201);
		expect(r.body.count).toBe(3);
		expect(r.body.data.map((row: any) => [row.user_id, row.user_data])).toEqual(
			rows.map((x) => [x.user_id, x.user_data]),
		);
		expect(await table()).toHaveLength(3);
	});

	it("a missing user_data is null", async () => {
		const r = await json("/users", { method: "POST", body: { user_id: "NoData" } });
		expect(r.status).toBe(201);
		expect(r.body.user_data).toBeNull();
	});

	it("409 for an id that exists, naming it, and writes nothing of the array", async () => {
		await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "x" } });
		const before = await table();
		const r = await json("/users", {
			method: "POST",
			body: [
				{ user_id: "New", user_data: "n" },
				{ user_id: "Brad", user_data: "again" },
			],
		});
		expect(r.status).toBe(409);
		expect(r.res.headers.get("content-type")).toBe("application/problem+json");
		expect(r.body).toMatchObject({ status: 409, user_ids: ["Brad"] });
		expect(await table()).toEqual(before);
	});

	it("409 for the same id twice in one request", async () => {
		const r = await json("/users", { method: "POST", body: [{ user_id: "A" }, { user_id: "A" }] });
		expect(r.status).toBe(409);
		expect(r.body.user_ids).toEqual(["A"]);
		expect(await table()).toEqual([]);
	});

	it("on_conflict=ignore skips existing ids; on_conflict=update replaces their user_data", async () => {
		await json("/users", { method: "POST", body: [{ user_id: "A", user_data: "old" }] });
		const ignored = await json("/users?on_conflict=ignore", {
			method: "POST",
			body: [
				{ user_id: "A", user_data: "new" },
				{ user_id: "B", user_data: "b" },
			],
		});
		expect(ignored.status).toBe(201);
		expect(ignored.body.count).toBe(1);
		expect((await table()).map((r) => r.user_data)).toEqual(["old", "b"]);
		await tick();
		const updated = await json("/users?on_conflict=update", {
			method: "POST",
			body: [
				{ user_id: "A", user_data: "new" },
				{ user_id: "C", user_data: "c" },
			],
		});
		expect(updated.body.count).toBe(2);
		const rows = await table();
		expect(rows.map((r) => r.user_data)).toEqual(["new", "b", "c"]);
		expect(rows[0].time_stamp > ignored.body.data[0].time_stamp).toBe(true);
	});

	it("on_conflict on one row: 200 with the row when it existed", async () => {
		await json("/users", { method: "POST", body: { user_id: "A", user_data: "old" } });
		const ignored = await json("/users?on_conflict=ignore", {
			method: "POST",
			body: { user_id: "A", user_data: "new" },
		});
		expect(ignored.status).toBe(200);
		expect(ignored.body.user_data).toBe("old");
		const updated = await json("/users?on_conflict=update", {
			method: "POST",
			body: { user_id: "A", user_data: "new" },
		});
		expect(updated.status).toBe(200);
		expect(updated.body.user_data).toBe("new");
	});

	it("return=minimal answers with the count only", async () => {
		const r = await json("/users?return=minimal", { method: "POST", body: [{ user_id: "A" }, { user_id: "B" }] });
		expect(r.status).toBe(201);
		expect(r.body).toEqual({ count: 2 });
	});
});

describe("GET /users/{user_id}", () => {
	it("200 with ETag; If-None-Match gives 304; unknown gives 404", async () => {
		await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "d" } });
		const r = await json("/users/Brad", { token: READ });
		expect(r.status).toBe(200);
		const tag = r.res.headers.get("etag") as string;
		expect((await call("/users/Brad", { token: READ, headers: { "if-none-match": tag } })).status).toBe(304);
		const missing = await json("/users/Nobody", { token: READ });
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ status: 404, detail: "User 'Nobody' does not exist", user_ids: ["Nobody"] });
	});

	it("percent-encoded ids with slashes, spaces and Unicode round-trip", async () => {
		// "." and ".." alone cannot be path segments (URL parsers resolve them); such ids are reached with ?user_id=.
		for (const id of ["a/b", "with space", "é🎉", "..x", ".hidden", "%41", "a?b#c", "a\\b"]) {
			const put = await json(`/users/${encodeURIComponent(id)}`, { method: "PUT", body: { user_data: id } });
			expect(put.status, id).toBe(201);
			expect(put.res.headers.get("location")).toBe(`/users/${encodeURIComponent(id)}`);
			const got = await json(`/users/${encodeURIComponent(id)}`);
			expect(got.body.user_id, id).toBe(id);
		}
	});
});

describe("PUT /users/{user_id}", () => {
	it("creates (201) then replaces (200), time_stamp advancing", async () => {
		const created = await json("/users/Brad", { method: "PUT", body: { user_data: "one" } });
		expect(created.status).toBe(201);
		await tick();
		const replaced = await json("/users/Brad", { method: "PUT", body: { user_data: "two" } });
		expect(replaced.status).toBe(200);
		expect(replaced.body.user_data).toBe("two");
		expect(replaced.body.time_stamp > created.body.time_stamp).toBe(true);
	});

	it("422 when the body's user_id differs from the path", async () => {
		const r = await json("/users/Brad", { method: "PUT", body: { user_id: "Larry", user_data: "x" } });
		expect(r.status).toBe(422);
		expect(await table()).toEqual([]);
	});
});

describe("PATCH /users/{user_id}", () => {
	it("changes user_data and time_stamp; 404 when missing", async () => {
		const created = await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "Brad's data" } });
		await tick();
		const r = await json("/users/Brad", { method: "PATCH", body: { user_data: "Changed data" } });
		expect(r.status).toBe(200);
		expect(r.body.user_data).toBe("Changed data");
		expect(r.body.time_stamp > created.body.time_stamp).toBe(true);
		const missing = await json("/users/Nobody", { method: "PATCH", body: { user_data: "x" } });
		expect(missing.status).toBe(404);
		expect(missing.body.user_ids).toEqual(["Nobody"]);
	});
});

describe("DELETE /users/{user_id}", () => {
	it("204, then 404", async () => {
		await json("/users", { method: "POST", body: { user_id: "Brad" } });
		const r = await call("/users/Brad", { method: "DELETE" });
		expect(r.status).toBe(204);
		expect(await r.text()).toBe("");
		expect((await json("/users/Brad", { method: "DELETE" })).status).toBe(404);
	});
});

describe("PATCH /users", () => {
	beforeEach(async () => {
		await json("/users", {
			method: "POST",
			body: ["Brad", "Larry", "Jane"].map((user_id) => ({ user_id, user_data: `data of ${user_id}` })),
		});
	});

	it("an array updates each row by primary key, every time_stamp advancing", async () => {
		const before = await table();
		await tick();
		const r = await json("/users", {
			method: "PATCH",
			body: [
				{ user_id: "Brad", user_data: "bulk data for Brad" },
				{ user_id: "Larry", user_data: "Larry's  bulk data" },
			],
		});
		expect(r).toMatchObject({ status: 200, body: { count: 2 } });
		const after = await table();
		expect(after.map((x) => x.user_data)).toEqual(["bulk data for Brad", "data of Jane", "Larry's  bulk data"]);
		expect(after[0].time_stamp > before[0].time_stamp).toBe(true);
		expect(after[1].time_stamp).toBe(before[1].time_stamp);
	});

	it("404 with the missing ids, and nothing changed", async () => {
		const before = await table();
		const r = await json("/users", {
			method: "PATCH",
			body: [
				{ user_id: "Brad", user_data: "x" },
				{ user_id: "Ghost", user_data: "x" },
				{ user_id: "Phantom", user_data: "x" },
			],
		});
		expect(r.status).toBe(404);
		expect(r.body.user_ids.sort()).toEqual(["Ghost", "Phantom"]);
		expect(await table()).toEqual(before);
	});

	it("an object sets user_data on every row the filters select", async () => {
		const r = await json("/users?user_id=Brad&user_id=Jane", { method: "PATCH", body: { user_data: "picked" } });
		expect(r.body).toEqual({ count: 2 });
		expect((await table()).map((x) => x.user_data)).toEqual(["picked", "picked", "data of Larry"]);
	});

	it("refuses an unfiltered mass update without all=true (422), and does it with all=true", async () => {
		const before = await table();
		const refused = await json("/users", { method: "PATCH", body: { user_data: "Mass update" } });
		expect(refused.status).toBe(422);
		expect(await table()).toEqual(before);
		const done = await json("/users?all=true", { method: "PATCH", body: { user_data: "Mass update" } });
		expect(done.body).toEqual({ count: 3 });
		expect((await table()).every((x) => x.user_data === "Mass update")).toBe(true);
	});
});

describe("DELETE /users", () => {
	it("deletes what the filters select; refuses no filter without all=true", async () => {
		await json("/users", {
			method: "POST",
			body: [
				{ user_id: "A", user_data: "Mass update" },
				{ user_id: "B", user_data: "Mass update" },
				{ user_id: "C", user_data: "keep" },
			],
		});
		expect((await json("/users", { method: "DELETE" })).status).toBe(422);
		expect(await table()).toHaveLength(3);
		const r = await json("/users?user_data=Mass%20update", { method: "DELETE" });
		expect(r.body).toEqual({ count: 2 });
		expect((await table()).map((x) => x.user_id)).toEqual(["C"]);
		expect((await json("/users?all=true", { method: "DELETE" })).body).toEqual({ count: 1 });
	});
});

describe("GET /users", () => {
	it("pages with limit and cursor, in user_id order, without repeats or gaps", async () => {
		const ids = Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, "0")}`);
		await json("/users", { method: "POST", body: ids.map((user_id) => ({ user_id })) });
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: any = await json(`/users?limit=10${cursor ? `&cursor=${cursor}` : ""}`, { token: READ });
			expect(page.status).toBe(200);
			seen.push(...page.body.data.map((r: any) => r.user_id));
			cursor = page.body.next_cursor;
		} while (cursor);
		expect(seen).toEqual(ids);
	});

	it("filters by user_id and user_data", async () => {
		await json("/users", {
			method: "POST",
			body: [
				{ user_id: "A", user_data: "x" },
				{ user_id: "B", user_data: "y" },
				{ user_id: "C", user_data: "x" },
			],
		});
		expect((await json("/users?user_data=x")).body.data.map((r: any) => r.user_id)).toEqual(["A", "C"]);
		expect((await json("/users?user_id=B&user_id=C")).body.data.map((r: any) => r.user_id)).toEqual(["B", "C"]);
	});

	it("text/plain prints the tutorial's __repr__ layout", async () => {
		await json("/users", { method: "POST", body: { user_id: "Brad", user_data: "bulk data for Brad" } });
		const res = await call("/users", { headers: { accept: "text/plain" } });
		expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
		const line = (await res.text()).trimEnd();
		expect(line).toMatch(/^user_id=Brad {4}user_data=bulk data for Brad {4}time_stamp=[A-Z][a-z]+ \d{2} \d{2}:\d{2}$/);
		const { time_stamp } = (await table())[0];
		const month = new Date(time_stamp).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
		expect(line.endsWith(`time_stamp=${month} ${time_stamp.slice(8, 10)} ${time_stamp.slice(11, 16)}`)).toBe(true);
		expect(await (await call("/users?format=text")).text()).toBe(`${line}\n`);
	});
});
